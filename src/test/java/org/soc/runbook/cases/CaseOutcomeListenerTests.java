package org.soc.runbook.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** Tests for {@link CaseOutcomeListener}: the outcome is the end event's name, for the case or for its caller. */
class CaseOutcomeListenerTests {

	private final CaseOutcomeListener listener = new CaseOutcomeListener();

	@Test
	void aCaseEndsWithTheOutcomeItsEndEventNames() {
		DelegateExecution execution = mock(DelegateExecution.class);
		given(execution.getProcessDefinitionId()).willReturn("restricted-user-remediation:3:abc");
		given(execution.getCurrentActivityId()).willReturn("EndEvent_ReleasedAndVerified");
		this.listener.notify(execution);
		verify(execution).setVariable(CaseVariables.CASE_OUTCOME, "releasedAndVerified");
	}

	@Test
	void theVerificationHandsItsOutcomeToItsCaller() {
		DelegateExecution execution = mock(DelegateExecution.class);
		given(execution.getProcessDefinitionId()).willReturn("verify-release:7:def");
		given(execution.getCurrentActivityId()).willReturn("EndEvent_KeptRestricted");
		this.listener.notify(execution);
		verify(execution).setVariable(CaseVariables.RELEASE_OUTCOME, "keptRestricted");
	}

	@Test
	void anElementThatIsNoEndEventHasNoOutcome() {
		assertThat(CaseOutcomeListener.outcome("EndEvent_Closed")).isEqualTo("closed");
		assertThatThrownBy(() -> CaseOutcomeListener.outcome("Task_UnblockSender"))
			.hasMessageContaining("EndEvent_<Outcome>");
	}

}
