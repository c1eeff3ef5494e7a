package org.soc.runbook.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The entities that have an open case, in {@code runbook_open_case} whose primary key is the entity. Claiming inserts
 * the row in the caller's transaction, so the claim and the process start commit or roll back together; a second
 * claim for the same entity, on any thread or node, waits for the first transaction and then fails on the key.
 * The insert runs in a savepoint so that a refused claim does not spoil the caller's transaction (PostgreSQL aborts
 * a transaction on any failed statement).
 */
@Component
public class OpenCaseRegistry {

	/** The transaction resource under which the keys claimed by the current transaction are kept. */
	private static final Object CLAIMED_HERE = new Object();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate savepoint;

	OpenCaseRegistry(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** Claims the entity for a new case; false when another case holds it. */
	boolean claim(String entityKey) {
		try {
			this.savepoint.executeWithoutResult((status) -> this.jdbc.update(
					"INSERT INTO runbook_open_case (entity_key, opened_at) VALUES (?, ?)", entityKey,
					Timestamp.from(Instant.now())));
			claimedHere().add(entityKey);
			return true;
		}
		catch (DuplicateKeyException taken) {
			return false;
		}
	}

	/** Records which process instance holds the claim. */
	void attach(String entityKey, String processInstanceId) {
		this.jdbc.update("UPDATE runbook_open_case SET process_instance_id = ? WHERE entity_key = ?", processInstanceId,
				entityKey);
	}

	/**
	 * The entities whose claim is held by a running case, in one read: the poller meets each of them on every poll
	 * while its case runs, and one claim attempt each (a savepoint, a refused insert, a look-up of the holder) cost a
	 * poll of a 10,000-entry list 27,000 statements and 20 s of CPU. A claim whose holder is gone is not in it: the
	 * entity goes the whole way, where the stale claim is freed.
	 */
	Set<String> heldByRunningCases() {
		return new HashSet<>(this.jdbc.queryForList("SELECT o.entity_key FROM runbook_open_case o WHERE EXISTS "
				+ "(SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.ID_ = o.process_instance_id)", String.class));
	}

	/** The process instance holding the entity, or null. */
	String holder(String entityKey) {
		List<String> ids = this.jdbc.queryForList(
				"SELECT process_instance_id FROM runbook_open_case WHERE entity_key = ?", String.class, entityKey);
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * Whether this transaction claimed the entity. Its case was started in the same transaction and is not yet
	 * visible to a query (the engine writes at the end of the command), so it must not be taken for a stale claim:
	 * the poller reading the same mailbox from the blocked list and from an alert would otherwise start two cases.
	 */
	boolean claimedInThisTransaction(String entityKey) {
		return TransactionSynchronizationManager.isSynchronizationActive() && claimedHere().contains(entityKey);
	}

	@SuppressWarnings("unchecked")
	private static Set<String> claimedHere() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return new HashSet<>();
		}
		Set<String> claimed = (Set<String>) TransactionSynchronizationManager.getResource(CLAIMED_HERE);
		if (claimed == null) {
			Set<String> fresh = new HashSet<>();
			TransactionSynchronizationManager.bindResource(CLAIMED_HERE, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(CLAIMED_HERE);
				}
			});
			claimed = fresh;
		}
		return claimed;
	}

	/**
	 * Frees the entity when its case ended, only if that case holds it: an instance that does not hold the entity's
	 * claim (there should be none, since only the runbook starts cases) must not free another case's. A claim with no
	 * instance yet is one made in this very transaction, for the instance now ending.
	 */
	public void release(String entityKey, String processInstanceId) {
		this.jdbc.update("DELETE FROM runbook_open_case WHERE entity_key = ? "
				+ "AND (process_instance_id = ? OR process_instance_id IS NULL)", entityKey, processInstanceId);
	}

	/** Frees the entity only if the given (ended or vanished) instance still holds it. */
	void releaseStale(String entityKey, String processInstanceId) {
		if (processInstanceId == null) {
			this.jdbc.update("DELETE FROM runbook_open_case WHERE entity_key = ? AND process_instance_id IS NULL",
					entityKey);
		}
		else {
			this.jdbc.update("DELETE FROM runbook_open_case WHERE entity_key = ? AND process_instance_id = ?",
					entityKey, processInstanceId);
		}
	}

}
