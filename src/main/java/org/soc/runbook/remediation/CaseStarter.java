package org.soc.runbook.remediation;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.soc.runbook.detection.DetectionProperties;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens a case for a restricted mailbox, whoever detected it (the poller, the intake, a person): one open case per
 * mailbox, business key {@code mailbox:<address>}, guaranteed by {@link OpenCaseRegistry}'s key rather than by
 * looking first. The claim and the process start share one transaction. A mailbox restricted again soon after a
 * closed case is marked as a repeat.
 */
@Service
public class CaseStarter {

	/** The mailbox runbook's process key. */
	public static final String MAILBOX_PROCESS = "restricted-user-remediation";

	/** A practical address check: local part, one {@code @}, a domain of dot-separated labels. */
	private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
			+ "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

	private final RuntimeService runtimeService;

	private final HistoryService historyService;

	private final OpenCaseRegistry registry;

	private final DetectionProperties detection;

	private final TransactionTemplate transaction;

	CaseStarter(RuntimeService runtimeService, HistoryService historyService, OpenCaseRegistry registry,
			DetectionProperties detection, PlatformTransactionManager transactions) {
		this.runtimeService = runtimeService;
		this.historyService = historyService;
		this.registry = registry;
		this.detection = detection;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** The address in lower case, or an {@link IllegalArgumentException} saying what is wrong with it. */
	public static String normalizeAddress(String address) {
		if (address == null || address.isBlank()) {
			throw new IllegalArgumentException("address is required");
		}
		String trimmed = address.trim();
		if (trimmed.length() > 254) {
			throw new IllegalArgumentException("address is longer than 254 characters");
		}
		if (!ADDRESS.matcher(trimmed).matches()) {
			throw new IllegalArgumentException("address is not an e-mail address (expected name@domain.tld)");
		}
		return trimmed.toLowerCase(Locale.ROOT);
	}

	/** The open case for the mailbox, or a new one. */
	public OpenedCase openMailboxCase(String address, String source, String startedBy) {
		String mailbox = normalizeAddress(address);
		String businessKey = "mailbox:" + mailbox;
		return this.transaction.execute((status) -> open(businessKey, mailbox, source, startedBy));
	}

	private OpenedCase open(String businessKey, String mailbox, String source, String startedBy) {
		for (int attempt = 0; attempt < 2; attempt++) {
			if (this.registry.claim(businessKey)) {
				ProcessInstance started = start(businessKey, mailbox, source, startedBy);
				this.registry.attach(businessKey, started.getId());
				return new OpenedCase(started.getId(), businessKey, true);
			}
			String holder = this.registry.holder(businessKey);
			if (holder != null && this.runtimeService.createProcessInstanceQuery()
				.processInstanceId(holder)
				.count() > 0) {
				return new OpenedCase(holder, businessKey, false);
			}
			// The holder is gone (deleted without its end listener): free the stale claim and claim again.
			this.registry.releaseStale(businessKey, holder);
		}
		throw new IllegalStateException("A case for " + businessKey + " is being opened elsewhere; try again.");
	}

	private ProcessInstance start(String businessKey, String mailbox, String source, String startedBy) {
		Date since = Date.from(Instant.now().minus(this.detection.repeatWindow()));
		long recent = this.historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey(MAILBOX_PROCESS)
			.processInstanceBusinessKey(businessKey)
			.finished()
			.finishedAfter(since)
			.count();
		Map<String, Object> variables = Variables.createVariables()
			.putValue(CaseVariables.ENTITY_TYPE, "mailbox")
			.putValue(CaseVariables.ENTITY_ID, mailbox)
			.putValue(CaseVariables.SOURCE, source)
			.putValue(CaseVariables.STARTED_BY, startedBy)
			.putValue(CaseVariables.REPEAT, recent > 0)
			.putValue(CaseVariables.RECENT_CASES, recent);
		return this.runtimeService.createProcessInstanceByKey(MAILBOX_PROCESS)
			.businessKey(businessKey)
			.setVariables(variables)
			.execute();
	}

	/**
	 * A case as the API reports it.
	 *
	 * @param id the process instance id
	 * @param businessKey {@code mailbox:<address>}
	 * @param started true when this call started it, false when it was already open
	 */
	public record OpenedCase(String id, String businessKey, boolean started) {
	}

}
