package org.soc.runbook.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.soc.runbook.cases.CaseValues;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DefenderAlert;

import org.springframework.stereotype.Component;

/**
 * When a case opened from a Defender alert ends (released, kept restricted, closed) or is escalated to the SOC
 * leads, reports it on that alert: a comment that says what the runbook did and who decided, and the alert's status
 * ({@code resolved} at the end, {@code inProgress} while the leads hold it). Dry runs report nothing: they change
 * nothing in the tenant, the alert included. On the runbooks' process end ({@code bpmn/}); the escalation calls
 * {@link #escalated}.
 */
@Component
public class ReportToDefenderListener implements ExecutionListener {

	private final Notifications notifications;

	ReportToDefenderListener(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void notify(DelegateExecution execution) {
		String outcome = CaseValues.text(execution.getVariable(CaseVariables.CASE_OUTCOME));
		if (outcome == null || CaseValues.isTrue(execution.getVariable(CaseVariables.DRY_RUN))) {
			return;
		}
		boolean threat = outcome.startsWith("released") || outcome.startsWith("keptRestricted");
		String comment = comment(execution, outcome);
		for (String alertId : alerts(execution)) {
			this.notifications.reportToDefender(execution.getProcessBusinessKey(), alertId, "resolved",
					threat ? "truePositive" : null, comment);
		}
	}

	/** The verification escalated the case (in {@code verify-release}): the alert is in the leads' hands. */
	void escalated(DelegateExecution verification, String reason) {
		DelegateExecution caseExecution = verification.getProcessInstance().getSuperExecution();
		if (caseExecution == null) {
			return;
		}
		if (CaseValues.isTrue(caseExecution.getVariable(CaseVariables.DRY_RUN))) {
			return;
		}
		for (String alertId : alerts(caseExecution)) {
			this.notifications.reportToDefender(verification.getProcessBusinessKey(), alertId, "inProgress", null,
					"Restricted Entity Runbook, case " + verification.getProcessBusinessKey()
							+ ": escalated to the SOC leads. " + reason);
		}
	}

	/** The alert the case came from (or was first joined by) and those that joined it later. */
	private static List<String> alerts(DelegateExecution execution) {
		return DefenderAlert.ids(execution.getVariable(CaseVariables.DEFENDER_ALERT_ID),
				execution.getVariable(CaseVariables.DEFENDER_LINKED_ALERTS));
	}

	private static String comment(DelegateExecution execution, String outcome) {
		List<String> parts = new ArrayList<>();
		parts.add("Restricted Entity Runbook, case " + execution.getProcessBusinessKey() + ": " + words(outcome) + ".");
		String reset = CaseValues.text(execution.getVariable(CaseVariables.PASSWORD_RESET));
		if ("reset".equals(reset)) {
			parts.add("Password reset and sessions revoked.");
		}
		String reviewer = CaseValues.text(execution.getVariable(CaseVariables.REVIEWED_BY));
		String approver = CaseValues.text(execution.getVariable(CaseVariables.APPROVED_BY));
		String lead = CaseValues.text(execution.getVariable(CaseVariables.ESCALATION_RESOLVED_BY));
		if (reviewer != null) {
			parts.add("Reviewed by " + reviewer + (approver != null ? ", approved by " + approver : "") + ".");
		}
		if (lead != null) {
			parts.add("Decided by SOC lead " + lead + ".");
		}
		String released = CaseValues.text(execution.getVariable(CaseVariables.RELEASED_AT));
		if (released != null) {
			parts.add("Release seen on the blocked list at " + released + ".");
		}
		return String.join(" ", parts);
	}

	/** {@code releasedAndVerified} as "released and verified". */
	private static String words(String outcome) {
		return outcome.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
	}

}
