package org.soc.runbook.remediation;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.soc.runbook.CaseType;
import org.soc.runbook.ModelScenario;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.escalation.EscalationCompletionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * What a SOC lead's decision does to a case of either runbook whose entity is still restricted after its timeout (a
 * day for a mailbox, two hours for a connector), with mocked steps: keep restricted and close end the case without
 * another unblock; a retry is verified again and ends released; a retry Microsoft refuses comes back to the leads.
 */
class EscalatedCaseFlowTests {

	/** Waiting for the next check: in the check loop, at its timer. */
	private static final String[] CHECK_WAIT = { "SubProcess_CheckUntilReleased", "TimerEvent_WaitBeforeCheck" };

	@RegisterExtension
	static final ProcessEngineExtension engine = ModelScenario.engine();

	@RegisterExtension
	final ModelScenario flow = new ModelScenario(engine);

	@ParameterizedTest
	@EnumSource(CaseType.class)
	void keptRestrictedWhenTheLeadSaysSo(CaseType type) {
		ProcessInstance pi = stillRestrictedAfterTheTimeout(type);

		this.flow.resolveEscalation(pi, EscalationCompletionListener.KEEP_RESTRICTED);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_KeptRestrictedAfterEscalation");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("keptRestrictedAfterEscalation");
		verifyNoInteractions(this.flow.delegate("retryUnblockDelegate"));
		this.flow.assertNothingWaits();
	}

	@ParameterizedTest
	@EnumSource(CaseType.class)
	void closedWhenTheLeadSaysSo(CaseType type) {
		ProcessInstance pi = stillRestrictedAfterTheTimeout(type);

		this.flow.resolveEscalation(pi, EscalationCompletionListener.CLOSE);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClosedAfterEscalation");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("closedAfterEscalation");
		verifyNoInteractions(this.flow.delegate("retryUnblockDelegate"));
		this.flow.assertNothingWaits();
	}

	@ParameterizedTest
	@EnumSource(CaseType.class)
	void aRetriedUnblockIsVerifiedAgainAndTheCaseEndsReleased(CaseType type) throws Exception {
		ProcessInstance pi = stillRestrictedAfterTheTimeout(type);
		this.flow.sets("checkReleaseDelegate", CaseVariables.RELEASED, true);

		this.flow.resolveEscalation(pi, EscalationCompletionListener.RETRY_UNBLOCK);
		verify(this.flow.delegate("retryUnblockDelegate")).execute(any());
		BpmnAwareTests.assertThat(this.flow.verification(pi)).isWaitingAtExactly(CHECK_WAIT);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("releasedAndVerified");
		// The lead's decision comes back to the case with the outcome (verificationMapping), for its history.
		assertThat(this.flow.variable(pi, CaseVariables.ESCALATION_DECISION))
			.isEqualTo(EscalationCompletionListener.RETRY_UNBLOCK);
		// The runbook's own unblock ran once; the second was the lead's retry.
		verify(this.flow.delegate(unblockDelegate(type)), times(1)).execute(any());
		this.flow.assertNothingWaits();
	}

	@ParameterizedTest
	@EnumSource(CaseType.class)
	void aRetryMicrosoftRefusesGoesBackToTheLeads(CaseType type) throws Exception {
		ProcessInstance pi = stillRestrictedAfterTheTimeout(type);
		this.flow.throwsBpmnError("retryUnblockDelegate", RunbookErrors.UNBLOCK_LIMIT_REACHED,
				"Microsoft refused to unblock: limit reached");

		this.flow.resolveEscalation(pi, EscalationCompletionListener.RETRY_UNBLOCK);

		BpmnAwareTests.assertThat(this.flow.verification(pi))
			.isWaitingAtExactly("Task_ResolveEscalation")
			.hasPassed("BoundaryEvent_RetryLimitReached");
		verify(this.flow.delegate("notifyEscalationDelegate"), times(2)).execute(any());

		this.flow.resolveEscalation(pi, EscalationCompletionListener.CLOSE);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClosedAfterEscalation");
		assertThat(this.flow.variable(pi, CaseVariables.ESCALATION_CODE))
			.isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED);
		this.flow.assertNothingWaits();
	}

	@ParameterizedTest
	@EnumSource(CaseType.class)
	void anEscalationNobodyResolvesTellsTheLeadsAtItsDueTimeAndAgainEachPeriod(CaseType type) throws Exception {
		ProcessInstance pi = stillRestrictedAfterTheTimeout(type);
		Task escalation = this.flow.escalationTask(pi);
		assertThat(escalation.getDueDate()).isEqualTo(Date.from(this.flow.now().plus(ModelScenario.ESCALATION_SLA)));
		JavaDelegate notify = this.flow.delegate("notifyOverdueTaskDelegate");

		this.flow.passTime(ModelScenario.ESCALATION_SLA.minusMinutes(1));
		verifyNoInteractions(notify);
		this.flow.passTime(Duration.ofMinutes(1));
		verify(notify, times(1)).execute(any());
		this.flow.passTime(ModelScenario.ESCALATION_SLA);
		verify(notify, times(2)).execute(any());

		// Still the lead's, the same task: telling is not deciding.
		BpmnAwareTests.assertThat(this.flow.verification(pi))
			.isWaitingAtExactly("Task_ResolveEscalation")
			.hasPassed("BoundaryEvent_EscalationOverdue", "Task_NotifyEscalationOverdue");
		assertThat(this.flow.escalationTask(pi).getId()).isEqualTo(escalation.getId());
		this.flow.resolveEscalation(pi, EscalationCompletionListener.KEEP_RESTRICTED);
		this.flow.assertNothingWaits();
	}

	/** A case released and approved whose entity stays listed until its timeout: waiting for a SOC lead. */
	private ProcessInstance stillRestrictedAfterTheTimeout(CaseType type) {
		this.flow.sets("checkReleaseDelegate", CaseVariables.RELEASED, false);
		boolean mailbox = type == CaseType.MAILBOX;
		Duration timeout = mailbox ? ModelScenario.MAILBOX_VERIFY_TIMEOUT : ModelScenario.CONNECTOR_VERIFY_TIMEOUT;
		ProcessInstance pi = mailbox ? this.flow.startMailboxCase() : this.flow.startConnectorCase();
		this.flow.releaseApproved(pi);
		this.flow.passTime(timeout.minusMinutes(1));
		BpmnAwareTests.assertThat(this.flow.verification(pi)).isWaitingAtExactly(CHECK_WAIT);
		this.flow.passTime(Duration.ofMinutes(1));
		ProcessInstance verification = this.flow.verification(pi);
		BpmnAwareTests.assertThat(verification)
			.isWaitingAtExactly("Task_ResolveEscalation")
			.hasPassed("Task_CheckRelease", "BoundaryEvent_VerifyTimeout");
		assertThat(this.flow.variable(verification, CaseVariables.ESCALATION_REASON))
			.isEqualTo("Still on the Restricted entities list " + timeout + " after the unblock.");
		return pi;
	}

	private static String unblockDelegate(CaseType type) {
		return (type == CaseType.MAILBOX) ? "unblockSenderDelegate" : "unblockConnectorDelegate";
	}

}
