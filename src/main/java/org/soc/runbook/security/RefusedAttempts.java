package org.soc.runbook.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.security.CaseIntegrityGuard.Target;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every refused attempt: one WARN line with the case and the user, and a row in {@code runbook_refusal} that
 * the case's timeline shows to auditors (who tried what, when, and why it was refused). The row is written in a
 * transaction of its own, because the refused request's own transaction is rolled back.
 */
@Component
public class RefusedAttempts {

	private static final Logger LOG = LoggerFactory.getLogger(RefusedAttempts.class);

	/** The longest reason kept: the column's size. */
	private static final int REASON_LENGTH = 2000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	RefusedAttempts(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Logs and keeps a refusal of what {@code user} asked. */
	void record(String user, PersonCommand request, Target target, String reason) {
		record(user, target, request.action(), reason);
	}

	/**
	 * Logs and keeps a refusal the runbook's own API made (the helpdesk's), for the case's timeline like the guard's.
	 *
	 * @param user who asked
	 * @param caseId the case's process instance id, null when none
	 * @param caseKey its business key
	 * @param taskId the task asked about, null when none
	 * @param step the task's activity id
	 * @param action what was asked, in a few words
	 * @param reason the sentence the person was answered with
	 */
	public void record(String user, String caseId, String caseKey, String taskId, String step, String action,
			String reason) {
		record(user, new Target(caseId, caseKey, taskId, step), action, reason);
	}

	private void record(String user, Target target, String action, String reason) {
		String caseKey = (target != null && target.caseKey() != null) ? target.caseKey() : "(no case)";
		String step = (target != null && target.step() != null) ? " at " + target.step() : "";
		// The reason may name what the person sent (fields the form lacks, a refused value): one bounded line.
		LOG.warn("Refused for {} on {}{}: {} - {}", user, caseKey, step, action, cut(oneLine(reason), REASON_LENGTH));
		try {
			this.ownTransaction.executeWithoutResult((status) -> this.jdbc.update(
					"INSERT INTO runbook_refusal (id, refused_at, user_id, case_id, case_key, task_id, step, action, "
							+ "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
					UUID.randomUUID().toString(), Timestamp.from(Instant.now()), cut(user, 255),
					(target != null) ? target.caseId() : null, (target != null) ? cut(target.caseKey(), 300) : null,
					(target != null) ? target.taskId() : null, (target != null) ? cut(target.step(), 255) : null,
					cut(action, 100), cut(oneLine(reason), REASON_LENGTH)));
		}
		catch (RuntimeException ex) {
			// The database may be away or its pool taken: the person still gets their answer; the line above is the
			// record.
			LOG.warn("The refusal above could not be written to the case's timeline: {}", ex.getMessage());
		}
	}

	/** One line, however the text was made: control, format and line-separator characters become spaces. */
	private static String oneLine(String text) {
		return (text != null) ? text.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+", " ") : "";
	}

	private static String cut(String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length) : text;
	}

}
