package org.soc.runbook;

import java.util.Map;

import org.camunda.bpm.engine.variable.Variables;
import org.soc.runbook.remediation.CaseVariables;

/** The answers people give on the mailbox forms, for tests that drive cases through the engine API. */
public final class Decisions {

	private Decisions() {
	}

	/** A review that releases the mailbox with every recommendation confirmed. */
	public static Map<String, Object> releaseMailbox() {
		return Variables.createVariables()
			.putValue(CaseVariables.REVIEW_DECISION, "release")
			.putValue(CaseVariables.REVIEW_COMMENT, "Owner confirmed.")
			.putValue(CaseVariables.ACCOUNT_UNDER_CONTROL, true)
			.putValue(CaseVariables.RULES_DEALT_WITH, true)
			.putValue(CaseVariables.FORWARDING_DEALT_WITH, true)
			.putValue(CaseVariables.SIGN_INS_REVIEWED, true);
	}

	/** An approval. */
	public static Map<String, Object> approve() {
		return Map.of(CaseVariables.APPROVAL_DECISION, "approve", CaseVariables.APPROVAL_COMMENT, "ok");
	}

}
