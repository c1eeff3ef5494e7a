package org.soc.runbook.escalation;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * What the runbook tells the Defender alert a case came from: resolved with the outcome and who decided when the case
 * ends, in progress when the leads hold it; nothing for a dry run or a case no alert opened.
 */
class ReportToDefenderListenerTests {

	private final Notifications notifications = mock(Notifications.class);

	private final ReportToDefenderListener listener = new ReportToDefenderListener(this.notifications);

	@Test
	void aReleasedCaseResolvesItsAlertAsATruePositiveSayingWhoDecided() {
		DelegateExecution execution = caseEnding("releasedAndVerified", false);
		execution.setVariable(CaseVariables.REVIEWED_BY, "analyst");
		execution.setVariable(CaseVariables.APPROVED_BY, "secadmin");
		execution.setVariable(CaseVariables.PASSWORD_RESET, "reset");

		this.listener.notify(execution);

		ArgumentCaptor<String> comment = ArgumentCaptor.forClass(String.class);
		verify(this.notifications).reportToDefender(any(), eq("da-1"), eq("resolved"), eq("truePositive"),
				comment.capture());
		assertThat(comment.getValue()).contains("released and verified", "Password reset and sessions revoked",
				"Reviewed by analyst, approved by secadmin");
	}

	@Test
	void anAlreadyReleasedCaseResolvesItWithoutCallingItAThreat() {
		this.listener.notify(caseEnding("alreadyReleased", false));
		verify(this.notifications).reportToDefender(any(), eq("da-1"), eq("resolved"), eq(null), anyString());
	}

	@Test
	void alertsThatJoinedTheOpenCaseHearItsOutcomeToo() {
		DelegateExecution execution = caseEnding("keptRestricted", false);
		execution.setVariable(CaseVariables.DEFENDER_LINKED_ALERTS, "da-2,da-3");

		this.listener.notify(execution);

		for (String alert : new String[] { "da-1", "da-2", "da-3" }) {
			verify(this.notifications).reportToDefender(any(), eq(alert), eq("resolved"), eq("truePositive"),
					anyString());
		}
	}

	@Test
	void aDryRunOrACaseNoAlertOpenedReportsNothing() {
		this.listener.notify(caseEnding("releasedAndVerified", true));
		DelegateExecution poller = CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.CASE_OUTCOME,
				"keptRestricted", CaseVariables.DRY_RUN, false)));
		this.listener.notify(poller);
		verify(this.notifications, never()).reportToDefender(any(), any(), any(), any(), any());
	}

	@Test
	void anEscalationPutsTheAlertInProgressWithTheReason() {
		DelegateExecution caseExecution = caseEnding(null, false);
		DelegateExecution verification = mock(DelegateExecution.class);
		DelegateExecution instance = mock(DelegateExecution.class);
		given(verification.getProcessInstance()).willReturn(instance);
		given(instance.getSuperExecution()).willReturn(caseExecution);
		given(verification.getProcessBusinessKey()).willReturn("mailbox:adele@contoso.example");

		this.listener.escalated(verification, "Still on the blocked list after 24 h.");

		verify(this.notifications).reportToDefender(eq("mailbox:adele@contoso.example"), eq("da-1"),
				eq("inProgress"), eq(null), eq("Restricted Entity Runbook, case mailbox:adele@contoso.example: "
						+ "escalated to the SOC leads. Still on the blocked list after 24 h."));
	}

	private static DelegateExecution caseEnding(String outcome, boolean dryRun) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(CaseVariables.DEFENDER_ALERT_ID, "da-1");
		variables.put(CaseVariables.DRY_RUN, dryRun);
		if (outcome != null) {
			variables.put(CaseVariables.CASE_OUTCOME, outcome);
		}
		return CaseVariablesFake.execution(variables);
	}

}
