package org.soc.runbook.remediation;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.soc.runbook.CaseType;
import org.soc.runbook.ModelScenario;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.escalation.EscalationCompletionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Every path of {@code verify-release} on its own, with the delegates stood in for ({@link ModelScenario}): an
 * escalation asked for at once goes to the SOC leads without a check, a dry run ends without one, a live release is
 * checked every interval until the entity is off the list, a timeout per kind of entity escalates, and each of the
 * leads' decisions ends the verification with the outcome its caller reads ({@code releaseOutcome}), a retry checking
 * again and a retry Microsoft refuses escalating again.
 */
class VerifyReleaseFlowTests {

	/** Waiting for the next check: in the check loop, at its timer. */
	private static final String[] CHECK_WAIT = { "SubProcess_CheckUntilReleased", "TimerEvent_WaitBeforeCheck" };

	@RegisterExtension
	static final ProcessEngineExtension engine = ModelScenario.engine();

	@RegisterExtension
	final ModelScenario flow = new ModelScenario(engine);

	@Test
	void anErrorBeforeTheUnblockEscalatesAtOnceWithoutChecking() throws Exception {
		ProcessInstance verification = this.flow.startVerification(CaseType.MAILBOX,
				Map.of(CaseVariables.ESCALATION_REASON, "No Entra user for the mailbox."));

		BpmnAwareTests.assertThat(verification).isWaitingAtExactly("Task_ResolveEscalation")
			.hasPassedInOrder("Gateway_EscalateAtOnce", "Gateway_Escalate", "Task_NotifyEscalation")
			.hasNotPassed("Gateway_DryRun", "SubProcess_CheckUntilReleased");
		BpmnAwareTests.assertThat(BpmnAwareTests.task(verification)).hasCandidateGroup("soc-leads");
		verify(this.flow.delegate("notifyEscalationDelegate")).execute(any());
		verify(this.flow.delegate("checkReleaseDelegate"), never()).execute(any());
	}

	@Test
	void aDryRunEndsWithoutCheckingTheList() throws Exception {
		ProcessInstance verification = this.flow.startVerification(CaseType.MAILBOX,
				Map.of(CaseVariables.DRY_RUN, true));

		BpmnAwareTests.assertThat(verification).isEnded().hasPassed("EndEvent_DryRunComplete").hasNotPassed("Gateway_Check");
		assertThat(this.flow.variable(verification, CaseVariables.RELEASE_OUTCOME)).isEqualTo("dryRunComplete");
		verify(this.flow.delegate("checkReleaseDelegate"), never()).execute(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aDryRunThatFailedBeforeTheUnblockStillEscalates() throws Exception {
		// Escalating is asked first: a rehearsal that could not find the user must reach a lead, not end quietly.
		ProcessInstance verification = this.flow.startVerification(CaseType.MAILBOX,
				Map.of(CaseVariables.DRY_RUN, true, CaseVariables.ESCALATION_REASON, "No Entra user for the mailbox."));

		BpmnAwareTests.assertThat(verification)
			.isWaitingAtExactly("Task_ResolveEscalation")
			.hasNotPassed("EndEvent_DryRunComplete");
	}

	@Test
	void aLiveReleaseIsCheckedEveryIntervalUntilTheEntityIsOffTheList() throws Exception {
		JavaDelegate check = this.flow.delegate("checkReleaseDelegate");
		this.flow.sets("checkReleaseDelegate", CaseVariables.RELEASED, false, false, true);
		ProcessInstance verification = this.flow.startVerification(CaseType.MAILBOX, Map.of());

		// The first check waits an interval: Microsoft takes a while to act on the unblock.
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly(CHECK_WAIT);
		verify(check, never()).execute(any());
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL.minusSeconds(1));
		verify(check, never()).execute(any());

		this.flow.passTime(Duration.ofSeconds(1));
		verify(check, times(1)).execute(any());
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly(CHECK_WAIT);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);
		verify(check, times(2)).execute(any());
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		verify(check, times(3)).execute(any());
		BpmnAwareTests.assertThat(verification).isEnded().hasPassed("EndEvent_SeenReleased", "EndEvent_Released");
		assertThat(this.flow.timesPassed(verification, "TimerEvent_WaitBeforeCheck")).isEqualTo(3);
		assertThat(this.flow.variable(verification, CaseVariables.RELEASE_OUTCOME)).isEqualTo("released");
		verify(this.flow.delegate("notifyEscalationDelegate"), never()).execute(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aMailboxStillListedAfterItsTimeoutIsEscalatedAndNoLongerChecked() throws Exception {
		this.flow.sets("checkReleaseDelegate", CaseVariables.RELEASED, false);
		ProcessInstance verification = this.flow.startVerification(CaseType.MAILBOX, Map.of());

		this.flow.passTime(ModelScenario.MAILBOX_VERIFY_TIMEOUT.minusMinutes(1));
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly(CHECK_WAIT);
		this.flow.passTime(Duration.ofMinutes(1));

		BpmnAwareTests.assertThat(verification).isWaitingAtExactly("Task_ResolveEscalation")
			.hasPassed("BoundaryEvent_VerifyTimeout", "Task_NotifyEscalation")
			.hasNotPassed("EndEvent_Released");
		// The timeout's listener says which timeout passed; the lead reads it on the form.
		assertThat(this.flow.variable(verification, CaseVariables.ESCALATION_REASON))
			.isEqualTo("Still on the Restricted entities list PT24H after the unblock.");
		// Only the lead's own clock runs: the escalation's due time, repeated while nobody resolves it.
		assertThat(this.flow.jobs(verification)).as("no check left waiting, the escalation's SLA timer set")
			.extracting(Job::getDuedate)
			.containsExactly(Date.from(ModelScenario.START.plus(ModelScenario.MAILBOX_VERIFY_TIMEOUT)
				.plus(ModelScenario.ESCALATION_SLA)));
	}

	@Test
	void aConnectorHasItsOwnShorterTimeout() throws Exception {
		this.flow.sets("checkReleaseDelegate", CaseVariables.RELEASED, false);
		ProcessInstance verification = this.flow.startVerification(CaseType.CONNECTOR, Map.of());

		this.flow.passTime(ModelScenario.CONNECTOR_VERIFY_TIMEOUT);

		BpmnAwareTests.assertThat(verification)
			.isWaitingAtExactly("Task_ResolveEscalation")
			.hasPassed("BoundaryEvent_VerifyTimeout");
		assertThat(this.flow.variable(verification, CaseVariables.ESCALATION_REASON))
			.isEqualTo("Still on the Restricted entities list PT2H after the unblock.");
	}

	@Test
	void aLeadWhoKeepsItRestrictedEndsTheVerificationWithoutAnotherUnblock() throws Exception {
		ProcessInstance verification = escalated();

		this.flow.resolveEscalation(verification, EscalationCompletionListener.KEEP_RESTRICTED);

		BpmnAwareTests.assertThat(verification).isEnded().hasPassed("EndEvent_KeptRestricted");
		assertThat(this.flow.variable(verification, CaseVariables.RELEASE_OUTCOME)).isEqualTo("keptRestricted");
		verify(this.flow.delegate("retryUnblockDelegate"), never()).execute(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aLeadWhoClosesEndsTheVerificationWithoutAnotherUnblock() throws Exception {
		ProcessInstance verification = escalated();

		this.flow.resolveEscalation(verification, EscalationCompletionListener.CLOSE);

		BpmnAwareTests.assertThat(verification).isEnded().hasPassed("EndEvent_Closed");
		assertThat(this.flow.variable(verification, CaseVariables.RELEASE_OUTCOME)).isEqualTo("closed");
		verify(this.flow.delegate("retryUnblockDelegate"), never()).execute(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aRetriedUnblockIsCheckedAgainUntilReleased() throws Exception {
		ProcessInstance verification = escalated();
		this.flow.sets("checkReleaseDelegate", CaseVariables.RELEASED, true);

		this.flow.resolveEscalation(verification, EscalationCompletionListener.RETRY_UNBLOCK);
		verify(this.flow.delegate("retryUnblockDelegate")).execute(any());
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly(CHECK_WAIT);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		BpmnAwareTests.assertThat(verification).isEnded()
			.hasPassedInOrder("Task_ResolveEscalation", "Task_RetryUnblock", "Gateway_Check", "Task_CheckRelease",
					"EndEvent_Released");
		assertThat(this.flow.variable(verification, CaseVariables.RELEASE_OUTCOME)).isEqualTo("released");
		this.flow.assertNothingWaits();
	}

	@Test
	void aRetryMicrosoftRefusesIsEscalatedAgain() throws Exception {
		ProcessInstance verification = escalated();
		this.flow.throwsBpmnError("retryUnblockDelegate", RunbookErrors.UNBLOCK_LIMIT_REACHED,
				"Microsoft refused to unblock mailbox: limit reached");

		this.flow.resolveEscalation(verification, EscalationCompletionListener.RETRY_UNBLOCK);

		BpmnAwareTests.assertThat(verification).isWaitingAtExactly("Task_ResolveEscalation")
			.hasPassed("BoundaryEvent_RetryLimitReached");
		assertThat(this.flow.timesPassed(verification, "Task_ResolveEscalation")).isEqualTo(2);
		assertThat(this.flow.timesPassed(verification, "Gateway_Check")).as("not checked again").isEqualTo(1);
		verify(this.flow.delegate("notifyEscalationDelegate"), times(2)).execute(any());
		// The boundary event records the refusal in place of the earlier reason: the lead sees why it came back.
		assertThat(this.flow.variable(verification, CaseVariables.ESCALATION_CODE))
			.isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED);
		assertThat(this.flow.variable(verification, CaseVariables.ESCALATION_REASON))
			.isEqualTo("Microsoft refused to unblock mailbox: limit reached");
	}

	/** A verification waiting for a SOC lead, the mailbox still listed after its timeout. */
	private ProcessInstance escalated() {
		this.flow.sets("checkReleaseDelegate", CaseVariables.RELEASED, false);
		ProcessInstance verification = this.flow.startVerification(CaseType.MAILBOX, Map.of());
		this.flow.passTime(ModelScenario.MAILBOX_VERIFY_TIMEOUT);
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly("Task_ResolveEscalation");
		return verification;
	}

}
