package org.soc.runbook.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.audit.CaseMetrics;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** Time to contain: from the restriction and from the opening, for a mailbox contained; nothing for one that was not. */
class ContainmentTimeListenerTests {

	private final CaseMetrics metrics = mock(CaseMetrics.class);

	private final ContainmentTimeListener listener = new ContainmentTimeListener(this.metrics);

	@Test
	void aContainedMailboxIsMeasuredFromTheRestrictionAndFromTheOpening() {
		Instant restricted = Instant.now().minus(Duration.ofMinutes(7));
		Instant opened = Instant.now().minusSeconds(2);
		this.listener.notify(mailbox(ResetPasswordDelegate.RESET, false, restricted, opened));

		ArgumentCaptor<Instant> contained = ArgumentCaptor.forClass(Instant.class);
		verify(this.metrics).contained(eq(restricted), eq(Instant.ofEpochMilli(opened.toEpochMilli())),
				contained.capture());
		assertThat(Duration.between(opened, contained.getValue()).toMillis() / 1000.0).isCloseTo(2, within(2.0));
	}

	@Test
	void aRefusedResetOrADryRunContainedNothing() {
		Instant now = Instant.now();
		this.listener.notify(mailbox(ResetPasswordDelegate.REFUSED, false, now, now));
		this.listener.notify(mailbox(ResetPasswordDelegate.RESET, true, now, now));
		verify(this.metrics, never()).contained(any(), any(), any());
	}

	private static DelegateExecution mailbox(String reset, boolean dryRun, Instant restricted, Instant opened) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(CaseVariables.PASSWORD_RESET, reset);
		variables.put(CaseVariables.SESSIONS_REVOKED, CaseContext.SESSIONS_REVOKED);
		variables.put(CaseVariables.DRY_RUN, dryRun);
		variables.put(CaseVariables.RESTRICTED_SINCE, restricted.toString());
		DelegateExecution execution = CaseVariablesFake.execution(variables);
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		HistoryService history = mock(HistoryService.class, RETURNS_DEEP_STUBS);
		HistoricProcessInstance instance = mock(HistoricProcessInstance.class);
		given(instance.getStartTime()).willReturn(Date.from(opened));
		given(history.createHistoricProcessInstanceQuery().processInstanceId("pi-1").singleResult()).willReturn(instance);
		given(execution.getProcessInstanceId()).willReturn("pi-1");
		given(execution.getProcessEngineServices()).willReturn(services);
		given(services.getHistoryService()).willReturn(history);
		return execution;
	}

}
