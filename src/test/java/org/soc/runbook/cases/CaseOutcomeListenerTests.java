package org.soc.runbook.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
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
		// Ids as the engine makes them when the key does not fit: nothing to tell the models apart by.
		given(execution.getProcessDefinitionId()).willReturn("5d1c0d3e-2b8f-11f0-9c3a-0242ac120002");
		given(execution.getBpmnModelInstance()).willReturn(model(ProcessKeys.MAILBOX_RUNBOOK));
		given(execution.getCurrentActivityId()).willReturn("EndEvent_ReleasedAndVerified");
		this.listener.notify(execution);
		verify(execution).setVariable(CaseVariables.CASE_OUTCOME, "releasedAndVerified");
	}

	@Test
	void theVerificationHandsItsOutcomeToItsCaller() {
		DelegateExecution execution = mock(DelegateExecution.class);
		given(execution.getProcessDefinitionId()).willReturn("6e2d1e4f-2b8f-11f0-9c3a-0242ac120002");
		given(execution.getBpmnModelInstance()).willReturn(model(ProcessKeys.VERIFICATION));
		given(execution.getCurrentActivityId()).willReturn("EndEvent_KeptRestricted");
		this.listener.notify(execution);
		verify(execution).setVariable(CaseVariables.RELEASE_OUTCOME, "keptRestricted");
	}

	private static BpmnModelInstance model(String processKey) {
		return Bpmn.createExecutableProcess(processKey).startEvent().endEvent("EndEvent_Closed").done();
	}

	@Test
	void anElementThatIsNoEndEventHasNoOutcome() {
		assertThat(CaseOutcomeListener.outcome("EndEvent_Closed")).isEqualTo("closed");
		assertThatThrownBy(() -> CaseOutcomeListener.outcome("Task_UnblockSender"))
			.hasMessageContaining("EndEvent_<Outcome>");
	}

}
