package org.soc.runbook.remediation;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;
import org.soc.runbook.ModelScenario;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.escalation.EscalationCompletionListener;
import org.soc.runbook.review.ReviewCompletionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Every path of the mailbox runbook ({@code restricted-user-remediation}) and of its verification as the case sees it,
 * with the delegates stood in for ({@link ModelScenario}): which steps run in which order, which never run (no
 * containment of a mailbox nobody needs contained, no change to the tenant before a second person approved it), where
 * the case waits, and the outcome it ends with. What the real delegates do against the tenant is for
 * {@link MailboxRunbookProcessTests}.
 */
class MailboxRunbookFlowTests {

	/** Waiting for the verification's next check: the case at its call, the verification at its timer. */
	private static final String[] CHECK_WAIT = { "SubProcess_CheckUntilReleased", "TimerEvent_WaitBeforeCheck" };

	@RegisterExtension
	static final ProcessEngineExtension engine = ModelScenario.engine();

	@RegisterExtension
	final ModelScenario flow = new ModelScenario(engine);

	@Test
	void aMailboxNoLongerListedAndNotAskedForEndsAsAlreadyReleased() throws Exception {
		this.flow.sets("loadRestrictionDelegate", CaseVariables.BLOCKED, false);

		ProcessInstance pi = this.flow.startMailboxCase();

		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassedInOrder("Task_LoadRestriction", "Gateway_StillBlocked", "Gateway_AdminToInvestigate",
					"EndEvent_AlreadyReleased")
			.hasNotPassed("Gateway_Contain");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("alreadyReleased");
		verifyNoInteractions(containment());
		// The case gives up its claim on the mailbox as it ends: the next restriction opens a new case.
		verify(this.flow.executionListener("closeCaseListener")).notify(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aMailboxAConnectorReviewAskedForIsContainedAndReviewedThoughNotListed() throws Exception {
		this.flow.sets("loadRestrictionDelegate", CaseVariables.BLOCKED, false);

		ProcessInstance pi = this.flow
			.startMailboxCase(Map.of(CaseVariables.RELATED_CASE, "connector:" + ModelScenario.CONNECTOR));

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ReviewRecommendations")
			.hasPassedInOrder("Gateway_StillBlocked", "Gateway_AdminToInvestigate", "Gateway_Contain",
					"Task_ResetPassword", "Task_RevokeSessions", "Task_EnforceMfa", "Task_GatherEvidence");
		for (JavaDelegate step : containment()) {
			verify(step).execute(any());
		}
	}

	@Test
	void aRestrictedMailboxIsContainedReviewedApprovedCleanedUpUnblockedAndVerified() throws Exception {
		ProcessInstance pi = this.flow.startMailboxCase();

		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("Task_ReviewRecommendations");
		BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("soc-analysts");
		InOrder containment = inOrder((Object[]) containment());
		for (JavaDelegate step : containment()) {
			containment.verify(step).execute(any());
		}
		verifyNoInteractions(this.flow.delegate("applyCleanupDelegate"), this.flow.delegate("unblockSenderDelegate"));

		this.flow.review(pi, ReviewCompletionListener.RELEASE);
		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("Task_ApproveRelease");
		BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("security-admins");
		// Nothing in the tenant changes on one person's word.
		verifyNoInteractions(this.flow.delegate("applyCleanupDelegate"), this.flow.delegate("unblockSenderDelegate"));

		this.flow.approve(pi);
		InOrder release = inOrder(this.flow.delegate("applyCleanupDelegate"),
				this.flow.delegate("unblockSenderDelegate"));
		release.verify(this.flow.delegate("applyCleanupDelegate")).execute(any());
		release.verify(this.flow.delegate("unblockSenderDelegate")).execute(any());
		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("CallActivity_VerifyRelease");
		ProcessInstance verification = this.flow.verification(pi);
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly(CHECK_WAIT).hasBusinessKey(pi.getBusinessKey());
		// The verification knows what it verifies (verificationMapping): the mailbox, live.
		BpmnAwareTests.assertThat(verification)
			.variables()
			.containsEntry(CaseVariables.ENTITY_TYPE, "mailbox")
			.containsEntry(CaseVariables.ENTITY_ID, ModelScenario.MAILBOX)
			.containsEntry(CaseVariables.DRY_RUN, false);

		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		BpmnAwareTests.assertThat(verification).isEnded().hasPassed("Task_CheckRelease", "EndEvent_Released");
		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassedInOrder("Task_LoadRestriction", "Task_ResetPassword", "Task_RevokeSessions", "Task_EnforceMfa",
					"Task_GatherEvidence", "Task_ReviewRecommendations", "Task_ApproveRelease", "Task_ApplyCleanup",
					"Task_UnblockSender", "CallActivity_VerifyRelease", "EndEvent_ReleasedAndVerified");
		assertThat(this.flow.variable(pi, CaseVariables.RELEASE_OUTCOME)).isEqualTo("released");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("releasedAndVerified");
		verifyNoInteractions(this.flow.delegate("notifyEscalationDelegate"));
		this.flow.assertNothingWaits();
	}

	@Test
	void aReviewerWhoKeepsItRestrictedEndsTheCaseWithoutCleanUpOrUnblock() {
		ProcessInstance pi = this.flow.startMailboxCase();

		this.flow.review(pi, ReviewCompletionListener.KEEP_RESTRICTED);

		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassed("EndEvent_KeptRestricted")
			.hasNotPassed("Task_ApproveRelease", "CallActivity_VerifyRelease");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("keptRestricted");
		verifyNoInteractions(this.flow.delegate("applyCleanupDelegate"), this.flow.delegate("unblockSenderDelegate"));
		this.flow.assertNothingWaits();
	}

	@Test
	void aRejectedReleaseGoesBackToReviewAndIsCarriedOutOnlyOnceApproved() throws Exception {
		ProcessInstance pi = this.flow.startMailboxCase();
		this.flow.review(pi, ReviewCompletionListener.RELEASE);

		this.flow.reject(pi);

		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("Task_ReviewRecommendations");
		assertThat(this.flow.timesPassed(pi, "Gateway_Review")).as("back through the review's merge").isEqualTo(2);
		verifyNoInteractions(this.flow.delegate("applyCleanupDelegate"), this.flow.delegate("unblockSenderDelegate"));
		// Containment is not repeated: the reviewer looks again at what was gathered.
		verify(this.flow.delegate("resetPasswordDelegate"), times(1)).execute(any());

		this.flow.releaseApproved(pi);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.flow.timesPassed(pi, "Task_ApproveRelease")).isEqualTo(2);
		verify(this.flow.delegate("unblockSenderDelegate"), times(1)).execute(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aUserNotFoundOnTheResetGoesStraightToTheLeads() throws Exception {
		this.flow.throwsBpmnError("resetPasswordDelegate", RunbookErrors.USER_NOT_FOUND,
				"No Entra user for " + ModelScenario.MAILBOX + ".");

		ProcessInstance pi = this.flow.startMailboxCase();

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("CallActivity_VerifyRelease")
			.hasPassedInOrder("Task_ResetPassword", "BoundaryEvent_UserNotFound", "Gateway_Verify")
			.hasNotPassed("Task_RevokeSessions", "Task_ReviewRecommendations", "Task_UnblockSender");
		ProcessInstance verification = this.flow.verification(pi);
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly("Task_ResolveEscalation");
		// The error's code and message reach the lead through the call.
		BpmnAwareTests.assertThat(verification)
			.variables()
			.containsEntry(CaseVariables.ESCALATION_CODE, RunbookErrors.USER_NOT_FOUND)
			.containsEntry(CaseVariables.ESCALATION_REASON, "No Entra user for " + ModelScenario.MAILBOX + ".");
		verifyNoInteractions(this.flow.delegate("revokeSessionsDelegate"), this.flow.delegate("enforceMfaDelegate"),
				this.flow.delegate("gatherEvidenceDelegate"), this.flow.delegate("unblockSenderDelegate"),
				this.flow.delegate("checkReleaseDelegate"));
		verify(this.flow.delegate("notifyEscalationDelegate")).execute(any());

		this.flow.resolveEscalation(pi, EscalationCompletionListener.CLOSE);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClosedAfterEscalation");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("closedAfterEscalation");
		this.flow.assertNothingWaits();
	}

	@Test
	void anUnblockMicrosoftRefusesGoesStraightToTheLeads() throws Exception {
		this.flow.throwsBpmnError("unblockSenderDelegate", RunbookErrors.UNBLOCK_LIMIT_REACHED,
				"Microsoft refused to unblock mailbox " + ModelScenario.MAILBOX + ": limit reached");
		ProcessInstance pi = this.flow.startMailboxCase();

		this.flow.releaseApproved(pi);

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("CallActivity_VerifyRelease")
			.hasPassedInOrder("Task_UnblockSender", "BoundaryEvent_UnblockLimitReached", "Gateway_Verify");
		ProcessInstance verification = this.flow.verification(pi);
		BpmnAwareTests.assertThat(verification)
			.isWaitingAtExactly("Task_ResolveEscalation")
			.hasNotPassed("SubProcess_CheckUntilReleased");
		assertThat(this.flow.variable(verification, CaseVariables.ESCALATION_CODE))
			.isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED);

		this.flow.resolveEscalation(pi, EscalationCompletionListener.KEEP_RESTRICTED);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_KeptRestrictedAfterEscalation");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("keptRestrictedAfterEscalation");
		verifyNoInteractions(this.flow.delegate("checkReleaseDelegate"), this.flow.delegate("retryUnblockDelegate"));
		this.flow.assertNothingWaits();
	}

	@Test
	void anOverdueReviewTellsTheLeadsAndStaysWithTheAnalysts() throws Exception {
		ProcessInstance pi = this.flow.startMailboxCase();
		Task review = BpmnAwareTests.task(pi);
		// The due date Tasklist shows is when the leads are told.
		assertThat(review.getDueDate()).isEqualTo(Date.from(ModelScenario.START.plus(ModelScenario.REVIEW_SLA)));
		JavaDelegate notify = this.flow.delegate("notifyOverdueTaskDelegate");

		this.flow.passTime(ModelScenario.REVIEW_SLA.minusMinutes(1));
		verifyNoInteractions(notify);
		this.flow.passTime(Duration.ofMinutes(1));

		verify(notify).execute(any());
		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ReviewRecommendations")
			.hasPassed("BoundaryEvent_ReviewOverdue", "Task_NotifyReviewOverdue", "EndEvent_ReviewOverdueNotified");
		assertThat(BpmnAwareTests.task(pi).getId()).as("the same review").isEqualTo(review.getId());
		this.flow.review(pi, ReviewCompletionListener.RELEASE);
		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("Task_ApproveRelease");
		verify(notify, times(1)).execute(any());
	}

	@Test
	void anOverdueApprovalTellsTheLeadsAndStaysWithTheSecurityAdministrators() throws Exception {
		ProcessInstance pi = this.flow.startMailboxCase();
		this.flow.review(pi, ReviewCompletionListener.RELEASE);
		Task approval = BpmnAwareTests.task(pi);
		assertThat(approval.getDueDate()).isEqualTo(Date.from(ModelScenario.START.plus(ModelScenario.APPROVAL_SLA)));
		JavaDelegate notify = this.flow.delegate("notifyOverdueTaskDelegate");

		this.flow.passTime(ModelScenario.APPROVAL_SLA.minusMinutes(1));
		verifyNoInteractions(notify);
		this.flow.passTime(Duration.ofMinutes(1));

		verify(notify).execute(any());
		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ApproveRelease")
			.hasPassed("BoundaryEvent_ApprovalOverdue", "Task_NotifyApprovalOverdue",
					"EndEvent_ApprovalOverdueNotified");
		assertThat(BpmnAwareTests.task(pi).getId()).as("the same approval").isEqualTo(approval.getId());
		verifyNoInteractions(this.flow.delegate("unblockSenderDelegate"));
	}

	@Test
	void aDryRunGoesTheWholeWayAndEndsAsADryRunWithoutChecking() throws Exception {
		ProcessInstance pi = this.flow
			.startMailboxCase(Map.of(CaseVariables.DRY_RUN, true, CaseVariables.RUN_MODE, DryRun.NOTICE));

		this.flow.releaseApproved(pi);

		// Every step runs (each records what it would have sent); only the check, which nothing could pass, is left out.
		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassedInOrder("Task_ResetPassword", "Task_ReviewRecommendations", "Task_ApproveRelease",
					"Task_ApplyCleanup", "Task_UnblockSender", "CallActivity_VerifyRelease", "EndEvent_DryRunComplete");
		verify(this.flow.delegate("unblockSenderDelegate")).execute(any());
		verifyNoInteractions(this.flow.delegate("checkReleaseDelegate"));
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("dryRunComplete");
		this.flow.assertNothingWaits();
	}

	@Test
	void aReReviewOfAKeptDecisionIsAReviewOnlyWithoutASecondContainment() throws Exception {
		ProcessInstance pi = this.flow.startMailboxCase(Map.of(CaseVariables.EARLIER_DECISION,
				"Kept restricted on 2025-02-24T09:00:00Z by analyst: still sending spam"));

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ReviewRecommendations")
			.hasPassedInOrder("Gateway_Contain", "Gateway_ReReview", "Gateway_Gather", "Task_GatherEvidence")
			.hasNotPassed("Task_ResetPassword", "Task_RevokeSessions", "Task_EnforceMfa", "Task_LoadSignInOptions");
		verifyNoInteractions(this.flow.delegate("resetPasswordDelegate"), this.flow.delegate("revokeSessionsDelegate"),
				this.flow.delegate("enforceMfaDelegate"), this.flow.delegate("loadSignInOptionsDelegate"));
		verify(this.flow.delegate("gatherEvidenceDelegate")).execute(any());
	}

	@Test
	void aUserWhosePasswordWasResetGetsTheHelpdesksStepBesideTheReleasePath() throws Exception {
		this.flow.sets("resetPasswordDelegate", CaseVariables.PASSWORD_RESET, ResetPasswordDelegate.RESET);
		ProcessInstance pi = this.flow.startMailboxCase();

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ReviewRecommendations", "Task_RestoreAccess")
			.hasPassed("Gateway_EvidenceAndAccess", "Gateway_LockedOut", "Task_LoadSignInOptions");
		Task helpdesk = this.flow.task(pi, "Task_RestoreAccess");
		BpmnAwareTests.assertThat(helpdesk).hasCandidateGroup("helpdesk");
		assertThat(helpdesk.getDueDate())
			.isEqualTo(Date.from(ModelScenario.START.plus(ModelScenario.RESTORE_ACCESS_SLA)));

		// The release path does not wait for the helpdesk: reviewed, approved, unblocked and verified.
		this.flow.releaseApproved(pi);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("releasedAndVerified");
		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("Task_RestoreAccess");

		// The case ends when the user has a way back in as well.
		this.flow.userResetsThemselves(pi);
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_UserBackIn", "EndEvent_ReleasedAndVerified");
		this.flow.assertNothingWaits();
	}

	@Test
	void aHelpdeskStepPastItsDueTimeTellsTheLeadsAndStaysOpen() throws Exception {
		this.flow.sets("resetPasswordDelegate", CaseVariables.PASSWORD_RESET, ResetPasswordDelegate.RESET);
		ProcessInstance pi = this.flow.startMailboxCase();
		this.flow.review(pi, ReviewCompletionListener.KEEP_RESTRICTED);
		JavaDelegate notify = this.flow.delegate("notifyOverdueTaskDelegate");

		this.flow.passTime(ModelScenario.RESTORE_ACCESS_SLA.minusMinutes(1));
		verifyNoInteractions(notify);
		this.flow.passTime(Duration.ofMinutes(1));

		verify(notify).execute(any());
		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_RestoreAccess")
			.hasPassed("EndEvent_KeptRestricted", "BoundaryEvent_RestoreAccessOverdue",
					"Task_NotifyRestoreAccessOverdue");
	}

	@Test
	void aDryRunLocksNobodyOutSoTheHelpdeskHasNothingToDo() throws Exception {
		this.flow.sets("resetPasswordDelegate", CaseVariables.PASSWORD_RESET, DryRun.NOT_SENT);
		ProcessInstance pi = this.flow
			.startMailboxCase(Map.of(CaseVariables.DRY_RUN, true, CaseVariables.RUN_MODE, DryRun.NOTICE));

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ReviewRecommendations")
			.hasPassed("Gateway_LockedOut", "EndEvent_NotLockedOut")
			.hasNotPassed("Task_LoadSignInOptions");
	}

	/** The mailbox's containment steps, in the model's order. */
	private JavaDelegate[] containment() {
		return new JavaDelegate[] { this.flow.delegate("resetPasswordDelegate"),
				this.flow.delegate("revokeSessionsDelegate"), this.flow.delegate("enforceMfaDelegate"),
				this.flow.delegate("gatherEvidenceDelegate") };
	}

}
