package org.soc.runbook.remediation;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;

import org.springframework.stereotype.Service;

/**
 * Opens a case for a restricted mailbox: one open case per mailbox, business key {@code mailbox:<address>}. Used by
 * the API now and by detection later.
 */
@Service
public class CaseStarter {

	/** The mailbox runbook's process key. */
	public static final String MAILBOX_PROCESS = "restricted-user-remediation";

	/** A practical address check: local part, one {@code @}, a domain of dot-separated labels. */
	private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
			+ "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

	private final RuntimeService runtimeService;

	CaseStarter(RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
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
		ProcessInstance open = this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(MAILBOX_PROCESS)
			.processInstanceBusinessKey(businessKey)
			.active()
			.singleResult();
		if (open != null) {
			return new OpenedCase(open.getId(), businessKey, false);
		}
		Map<String, Object> variables = Variables.createVariables()
			.putValue(CaseVariables.ENTITY_TYPE, "mailbox")
			.putValue(CaseVariables.ENTITY_ID, mailbox)
			.putValue(CaseVariables.SOURCE, source)
			.putValue(CaseVariables.STARTED_BY, startedBy);
		ProcessInstance started = this.runtimeService.createProcessInstanceByKey(MAILBOX_PROCESS)
			.businessKey(businessKey)
			.setVariables(variables)
			.execute();
		return new OpenedCase(started.getId(), businessKey, true);
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
