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
import org.soc.runbook.ModelScenario;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.escalation.EscalationCompletionListener;
import org.soc.runbook.review.ReviewCompletionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Every path of the connector runbook ({@code restricted-connector-remediation}) and of its verification as the case
 * sees it, with the delegates stood in for ({@link ModelScenario}): evidence only for a connector still blocked, a
 * mailbox case for the admin account only when the reviewer asks for one (and whatever the decision), no unblock
 * before a second person approved it, a connector's own verification timeout, and the outcome each path ends with.
 * What the real delegates do against the tenant is for {@link ConnectorRunbookProcessTests}.
 */
class ConnectorRunbookFlowTests {

	/** Waiting for the verification's next check: in the check loop, at its timer. */
	private static final String[] CHECK_WAIT = { "SubProcess_CheckUntilReleased", "TimerEvent_WaitBeforeCheck" };

	@RegisterExtension
	static final ProcessEngineExtension engine = ModelScenario.engine();

	@RegisterExtension
	final ModelScenario flow = new ModelScenario(engine);

	@Test
	void aConnectorNoLongerBlockedEndsAsAlreadyReleasedWithoutEvidence() throws Exception {
		this.flow.sets("loadConnectorBlockDelegate", CaseVariables.BLOCKED, false);

		ProcessInstance pi = this.flow.startConnectorCase();

		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassedInOrder("Task_LoadConnectorBlock", "Gateway_StillBlocked", "EndEvent_AlreadyReleased")
			.hasNotPassed("Task_GatherConnectorEvidence");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("alreadyReleased");
		verifyNoInteractions(this.flow.delegate("gatherConnectorEvidenceDelegate"));
		verify(this.flow.executionListener("closeCaseListener")).notify(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aBlockedConnectorIsReviewedApprovedUnblockedAndVerified() throws Exception {
		ProcessInstance pi = this.flow.startConnectorCase();

		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("Task_ReviewConnector");
		BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("soc-analysts");
		verify(this.flow.delegate("gatherConnectorEvidenceDelegate")).execute(any());

		this.flow.review(pi, ReviewCompletionListener.RELEASE);
		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ApproveConnectorRelease")
			.hasPassed("Gateway_InvestigateAdmin", "Gateway_AdminAsked")
			.hasNotPassed("Task_OpenAdminMailboxCase");
		BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("security-admins");
		verifyNoInteractions(this.flow.delegate("unblockConnectorDelegate"),
				this.flow.delegate("openAdminMailboxCaseDelegate"));

		this.flow.approve(pi);
		verify(this.flow.delegate("unblockConnectorDelegate")).execute(any());
		ProcessInstance verification = this.flow.verification(pi);
		BpmnAwareTests.assertThat(verification).isWaitingAtExactly(CHECK_WAIT);
		BpmnAwareTests.assertThat(verification)
			.variables()
			.containsEntry(CaseVariables.ENTITY_TYPE, "connector")
			.containsEntry(CaseVariables.ENTITY_ID, ModelScenario.CONNECTOR);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassedInOrder("Task_LoadConnectorBlock", "Task_GatherConnectorEvidence", "Task_ReviewConnector",
					"Task_ApproveConnectorRelease", "Task_UnblockConnector", "CallActivity_VerifyRelease",
					"EndEvent_ReleasedAndVerified");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("releasedAndVerified");
		verifyNoInteractions(this.flow.delegate("openAdminMailboxCaseDelegate"),
				this.flow.delegate("notifyEscalationDelegate"));
		this.flow.assertNothingWaits();
	}

	@Test
	void aReviewerWhoAsksForTheAdminAccountGetsAMailboxCaseOpenedBeforeTheApproval() throws Exception {
		ProcessInstance pi = this.flow.startConnectorCase();

		this.flow.review(pi, investigatingTheAdmin(ReviewCompletionListener.RELEASE));

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ApproveConnectorRelease")
			.hasPassedInOrder("Gateway_InvestigateAdmin", "Task_OpenAdminMailboxCase", "Gateway_AdminAsked",
					"Gateway_ReviewDecision");
		verify(this.flow.delegate("openAdminMailboxCaseDelegate")).execute(any());
		verifyNoInteractions(this.flow.delegate("unblockConnectorDelegate"));

		this.flow.approve(pi);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		verify(this.flow.delegate("openAdminMailboxCaseDelegate"), times(1)).execute(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void aReviewerWhoKeepsItRestrictedEndsTheCaseWithoutAnUnblock() {
		ProcessInstance pi = this.flow.startConnectorCase();

		this.flow.review(pi, ReviewCompletionListener.KEEP_RESTRICTED);

		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassed("EndEvent_KeptRestricted")
			.hasNotPassed("Task_OpenAdminMailboxCase", "Task_ApproveConnectorRelease", "CallActivity_VerifyRelease");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("keptRestricted");
		verifyNoInteractions(this.flow.delegate("unblockConnectorDelegate"));
		this.flow.assertNothingWaits();
	}

	@Test
	void theAdminAccountIsInvestigatedEvenWhenTheConnectorIsKeptRestricted() throws Exception {
		ProcessInstance pi = this.flow.startConnectorCase();

		this.flow.review(pi, investigatingTheAdmin(ReviewCompletionListener.KEEP_RESTRICTED));

		// Asked first, decided after: a compromised admin needs looking at whatever becomes of the connector.
		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassedInOrder("Task_OpenAdminMailboxCase", "Gateway_ReviewDecision", "EndEvent_KeptRestricted");
		verify(this.flow.delegate("openAdminMailboxCaseDelegate")).execute(any());
		verifyNoInteractions(this.flow.delegate("unblockConnectorDelegate"));
	}

	@Test
	void aRejectedReleaseGoesBackToReviewAndIsCarriedOutOnlyOnceApproved() throws Exception {
		ProcessInstance pi = this.flow.startConnectorCase();
		this.flow.review(pi, ReviewCompletionListener.RELEASE);

		this.flow.reject(pi);

		BpmnAwareTests.assertThat(pi).isWaitingAtExactly("Task_ReviewConnector");
		assertThat(this.flow.timesPassed(pi, "Gateway_Review")).as("back through the review's merge").isEqualTo(2);
		verifyNoInteractions(this.flow.delegate("unblockConnectorDelegate"));
		verify(this.flow.delegate("gatherConnectorEvidenceDelegate"), times(1)).execute(any());

		this.flow.releaseApproved(pi);
		this.flow.passTime(ModelScenario.VERIFY_INTERVAL);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		verify(this.flow.delegate("unblockConnectorDelegate"), times(1)).execute(any());
		this.flow.assertNothingWaits();
	}

	@Test
	void anUnblockMicrosoftRefusesGoesStraightToTheLeads() throws Exception {
		this.flow.throwsBpmnError("unblockConnectorDelegate", RunbookErrors.UNBLOCK_LIMIT_REACHED,
				"Microsoft refused to unblock connector " + ModelScenario.CONNECTOR + ": limit reached");
		ProcessInstance pi = this.flow.startConnectorCase();

		this.flow.releaseApproved(pi);

		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("CallActivity_VerifyRelease")
			.hasPassedInOrder("Task_UnblockConnector", "BoundaryEvent_UnblockLimitReached", "Gateway_Verify");
		BpmnAwareTests.assertThat(this.flow.verification(pi))
			.isWaitingAtExactly("Task_ResolveEscalation")
			.hasNotPassed("SubProcess_CheckUntilReleased");

		this.flow.resolveEscalation(pi, EscalationCompletionListener.KEEP_RESTRICTED);

		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_KeptRestrictedAfterEscalation");
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("keptRestrictedAfterEscalation");
		verifyNoInteractions(this.flow.delegate("checkReleaseDelegate"));
		this.flow.assertNothingWaits();
	}

	@Test
	void anOverdueReviewTellsTheLeadsAndStaysWithTheAnalysts() throws Exception {
		ProcessInstance pi = this.flow.startConnectorCase();
		Task review = BpmnAwareTests.task(pi);
		assertThat(review.getDueDate()).isEqualTo(Date.from(ModelScenario.START.plus(ModelScenario.REVIEW_SLA)));
		JavaDelegate notify = this.flow.delegate("notifyOverdueTaskDelegate");

		this.flow.passTime(ModelScenario.REVIEW_SLA.minusMinutes(1));
		verifyNoInteractions(notify);
		this.flow.passTime(Duration.ofMinutes(1));

		verify(notify).execute(any());
		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ReviewConnector")
			.hasPassed("Task_NotifyReviewOverdue", "EndEvent_ReviewOverdueNotified");
		assertThat(BpmnAwareTests.task(pi).getId()).as("the same review").isEqualTo(review.getId());
	}

	@Test
	void anOverdueApprovalTellsTheLeadsAndStaysWithTheSecurityAdministrators() throws Exception {
		ProcessInstance pi = this.flow.startConnectorCase();
		this.flow.review(pi, ReviewCompletionListener.RELEASE);
		Task approval = BpmnAwareTests.task(pi);
		assertThat(approval.getDueDate()).isEqualTo(Date.from(ModelScenario.START.plus(ModelScenario.APPROVAL_SLA)));
		JavaDelegate notify = this.flow.delegate("notifyOverdueTaskDelegate");

		this.flow.passTime(ModelScenario.APPROVAL_SLA.minusMinutes(1));
		verifyNoInteractions(notify);
		this.flow.passTime(Duration.ofMinutes(1));

		verify(notify).execute(any());
		BpmnAwareTests.assertThat(pi)
			.isWaitingAtExactly("Task_ApproveConnectorRelease")
			.hasPassed("Task_NotifyApprovalOverdue", "EndEvent_ApprovalOverdueNotified");
		assertThat(BpmnAwareTests.task(pi).getId()).as("the same approval").isEqualTo(approval.getId());
		verifyNoInteractions(this.flow.delegate("unblockConnectorDelegate"));
	}

	@Test
	void aDryRunGoesTheWholeWayAndEndsAsADryRunWithoutChecking() throws Exception {
		ProcessInstance pi = this.flow
			.startConnectorCase(Map.of(CaseVariables.DRY_RUN, true, CaseVariables.RUN_MODE, DryRun.NOTICE));

		this.flow.releaseApproved(pi);

		BpmnAwareTests.assertThat(pi)
			.isEnded()
			.hasPassedInOrder("Task_GatherConnectorEvidence", "Task_ReviewConnector", "Task_ApproveConnectorRelease",
					"Task_UnblockConnector", "CallActivity_VerifyRelease", "EndEvent_DryRunComplete");
		verify(this.flow.delegate("unblockConnectorDelegate")).execute(any());
		verifyNoInteractions(this.flow.delegate("checkReleaseDelegate"));
		assertThat(this.flow.variable(pi, CaseVariables.CASE_OUTCOME)).isEqualTo("dryRunComplete");
		this.flow.assertNothingWaits();
	}

	/** The reviewer's answers with the decision, asking to open a mailbox case for the admin account. */
	private static Map<String, Object> investigatingTheAdmin(String decision) {
		return Map.of(CaseVariables.REVIEW_DECISION, decision, CaseVariables.REVIEW_COMMENT,
				"The admin changed the connector the day before.", CaseVariables.INVESTIGATE_ADMIN, true,
				CaseVariables.ADMIN_ACCOUNT, "it.admin@contoso.onmicrosoft.com");
	}

}
