package org.soc.runbook.cases;

import java.util.List;

/** The keys of the models in {@code bpmn/}, as the engine, the audit and retention know them. */
public final class ProcessKeys {

	/** The mailbox runbook. */
	public static final String MAILBOX_RUNBOOK = "restricted-user-remediation";

	/** The connector runbook. */
	public static final String CONNECTOR_RUNBOOK = "restricted-connector-remediation";

	/** The verification and escalation both runbooks call. */
	public static final String VERIFICATION = "verify-release";

	/** The poller that opens cases. */
	public static final String DETECTION = "restriction-detection";

	/** The processes that make up a case: its runbook and the verification it calls. */
	public static final List<String> CASE_PARTS = List.of(MAILBOX_RUNBOOK, CONNECTOR_RUNBOOK, VERIFICATION);

	private ProcessKeys() {
	}

}
