package org.soc.runbook.escalation;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.audit.CaseMetrics;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.RunbookErrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * What the SOC leads are told when a case escalates: the event names why (the block not lifted, the unblock limit,
 * no such user), the message says which case and where to act, a rehearsal says so, and the outcome is recorded.
 */
class NotifyEscalationDelegateTests {

	private final Notifications notifications = mock(Notifications.class);

	private final CaseMetrics metrics = mock(CaseMetrics.class);

	private final ReportToDefenderListener defender = mock(ReportToDefenderListener.class);

	private final NotifyEscalationDelegate delegate = new NotifyEscalationDelegate(this.notifications, this.metrics,
			this.defender);

	@Test
	void theEventSaysWhyTheCaseEscalated() {
		given(this.notifications.announce(any(), anyString(), anyString(), any())).willReturn("delivered");
		given(this.notifications.tasklistUrl()).willReturn("https://soc.example/camunda/app/tasklist/");
		assertThat(escalate(null)).isEqualTo(NotificationEvent.BLOCK_NOT_LIFTED);
		assertThat(escalate(RunbookErrors.UNBLOCK_LIMIT_REACHED)).isEqualTo(NotificationEvent.UNBLOCK_LIMIT_REACHED);
		assertThat(escalate(RunbookErrors.USER_NOT_FOUND)).isEqualTo(NotificationEvent.USER_NOT_FOUND);
	}

	@Test
	void theMessageNamesTheCaseAndWhereToActAndARehearsalSaysSo() {
		given(this.notifications.announce(any(), anyString(), anyString(), any())).willReturn("delivered to webhook");
		given(this.notifications.tasklistUrl()).willReturn("https://soc.example/camunda/app/tasklist/");
		DelegateExecution execution = execution(null, true);
		this.delegate.execute(execution);
		ArgumentCaptor<String> summary = ArgumentCaptor.forClass(String.class);
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Map<String, Object>> facts = ArgumentCaptor.forClass(Map.class);
		verify(this.notifications).announce(eq(NotificationEvent.BLOCK_NOT_LIFTED),
				eq("mailbox:adele@contoso.onmicrosoft.com"), summary.capture(), facts.capture());
		assertThat(summary.getValue()).startsWith("[DRY RUN] Case mailbox:adele@contoso.onmicrosoft.com is escalated")
			.contains("Still listed a day after the unblock.")
			.endsWith("Open Tasklist: https://soc.example/camunda/app/tasklist/");
		assertThat(facts.getValue()).containsEntry("entityType", "mailbox")
			.containsEntry("entity", "adele@contoso.onmicrosoft.com")
			.containsEntry("dryRun", true);
		assertThat(execution.getVariable(CaseVariables.NOTIFICATION_OUTCOME)).isEqualTo("delivered to webhook");
		verify(this.metrics).escalated(NotificationEvent.BLOCK_NOT_LIFTED.key());
	}

	private NotificationEvent escalate(String code) {
		ArgumentCaptor<NotificationEvent> event = ArgumentCaptor.forClass(NotificationEvent.class);
		Notifications notifications = mock(Notifications.class);
		given(notifications.announce(any(), anyString(), anyString(), any())).willReturn("delivered");
		new NotifyEscalationDelegate(notifications, this.metrics, this.defender).execute(execution(code, false));
		verify(notifications).announce(event.capture(), anyString(), anyString(), any());
		return event.getValue();
	}

	private static DelegateExecution execution(String code, boolean dryRun) {
		Map<String, Object> variables = new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, "adele@contoso.onmicrosoft.com", CaseVariables.DRY_RUN, dryRun,
				CaseVariables.ESCALATION_REASON, "Still listed a day after the unblock."));
		if (code != null) {
			variables.put(CaseVariables.ESCALATION_CODE, code);
		}
		DelegateExecution execution = CaseVariablesFake.execution(variables);
		given(execution.getProcessBusinessKey()).willReturn("mailbox:adele@contoso.onmicrosoft.com");
		return execution;
	}

}
