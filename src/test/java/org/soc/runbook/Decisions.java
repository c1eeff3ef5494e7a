package org.soc.runbook;

import java.util.Map;

import org.camunda.bpm.engine.variable.Variables;
import org.soc.runbook.cases.CaseVariables;

/**
 * The answers people give on the mailbox forms: as engine variables, for tests that drive cases through the engine
 * API, and in the shape Camunda's REST API takes ({@code {"name":{"value":...}}}), for tests that go over HTTP.
 */
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

	/** The helpdesk's answer for a user who has a method self-service password reset accepts. */
	public static Map<String, Object> userResetsThemselves() {
		return Map.of(CaseVariables.ACCESS_RESTORATION, "selfServiceReset", CaseVariables.ACCESS_COMMENT,
				"Called back; the user resets it at aka.ms/sspr");
	}

	/**
	 * Who works a task of the mailbox runbook and with which answers, for tests that work the queues in bulk: the
	 * analyst releases, the security administrator approves, the helpdesk lets the user reset the password.
	 */
	public static Worker worker(String taskDefinitionKey) {
		if (taskDefinitionKey.equals("Task_RestoreAccess")) {
			return new Worker("helpdesk", "helpdesk", userResetsThemselves());
		}
		if (taskDefinitionKey.contains("Review")) {
			return new Worker("analyst", "soc-analysts", releaseMailbox());
		}
		return new Worker("secadmin", "security-admins", approve());
	}

	/** A person, their group and what they answer. */
	public record Worker(String user, String group, Map<String, Object> answers) {
	}

	/** {@link #releaseMailbox()} as Camunda's REST API takes it, as Tasklist submits the review form. */
	public static Map<String, Object> releaseMailboxOverRest() {
		return Map.of(CaseVariables.REVIEW_DECISION, Map.of("value", "release"), CaseVariables.REVIEW_COMMENT,
				Map.of("value", "Owner confirmed, rule removed."), CaseVariables.ACCOUNT_UNDER_CONTROL,
				Map.of("value", true), CaseVariables.RULES_DEALT_WITH, Map.of("value", true),
				CaseVariables.FORWARDING_DEALT_WITH, Map.of("value", true), CaseVariables.SIGN_INS_REVIEWED,
				Map.of("value", true), CaseVariables.RULES_TO_DISABLE, Map.of("value", "[]", "type", "Json"),
				CaseVariables.CLEAR_FORWARDING, Map.of("value", false));
	}

	/** {@link #approve()} as Camunda's REST API takes it. */
	public static Map<String, Object> approveOverRest() {
		return Map.of(CaseVariables.APPROVAL_DECISION, Map.of("value", "approve"), CaseVariables.APPROVAL_COMMENT,
				Map.of("value", "Evidence checked."));
	}

}
