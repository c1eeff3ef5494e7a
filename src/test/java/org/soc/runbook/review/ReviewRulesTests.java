package org.soc.runbook.review;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.security.RunbookRefusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;

/**
 * The review's and the approval's rules, without an engine: a release needs every one of Microsoft's
 * recommendations confirmed and a comment; who decided comes from the sign-in, never from what was submitted; and
 * the reviewer never approves their own release (four eyes), whether they claim the approval or complete it.
 */
class ReviewRulesTests {

	private final ReviewCompletionListener review = new ReviewCompletionListener();

	private final ApprovalGuardListener approval = new ApprovalGuardListener();

	@Test
	void aMailboxReleaseNeedsEveryRecommendationConfirmed() {
		Map<String, Object> answers = mailboxRelease();
		answers.put(CaseVariables.FORWARDING_DEALT_WITH, false);
		answers.remove(CaseVariables.SIGN_INS_REVIEWED);
		DelegateTask task = CaseVariablesFake.signedIn(CaseVariablesFake.task(answers), "analyst");
		assertThatThrownBy(() -> this.review.notify(task)).isInstanceOf(RunbookRefusal.class)
			.hasMessage("A release needs every recommendation confirmed. Not confirmed: suspicious forwarding is "
					+ "dealt with; recent sign-ins are reviewed.");
		assertThat(task.getVariable(CaseVariables.REVIEWED_BY)).as("nothing recorded").isNull();
	}

	@Test
	void theReviewerIsWhoeverIsSignedInNotWhatWasSubmitted() {
		Map<String, Object> answers = mailboxRelease();
		answers.put(CaseVariables.REVIEWED_BY, "someone-else");
		DelegateTask task = CaseVariablesFake.signedIn(CaseVariablesFake.task(answers), "analyst");
		this.review.notify(task);
		assertThat(task.getVariable(CaseVariables.REVIEWED_BY)).isEqualTo("analyst");
	}

	@Test
	void keepingRestrictedNeedsNoChecklistButAComment() {
		DelegateTask noComment = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(CaseVariables.ENTITY_TYPE,
				"mailbox", CaseVariables.REVIEW_DECISION, ReviewCompletionListener.KEEP_RESTRICTED)), "analyst");
		assertThatThrownBy(() -> this.review.notify(noComment)).isInstanceOf(RunbookRefusal.class)
			.hasMessageStartingWith("Write a comment");

		DelegateTask kept = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(CaseVariables.ENTITY_TYPE,
				"mailbox", CaseVariables.REVIEW_DECISION, ReviewCompletionListener.KEEP_RESTRICTED,
				CaseVariables.REVIEW_COMMENT, "Owner unreachable; leave it.")), "analyst");
		this.review.notify(kept);
		assertThat(kept.getVariable(CaseVariables.REVIEWED_BY)).isEqualTo("analyst");
	}

	@Test
	void aDecisionTheModelDoesNotKnowIsRefused() {
		DelegateTask task = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(CaseVariables.ENTITY_TYPE,
				"mailbox", CaseVariables.REVIEW_DECISION, "releaseEverything", CaseVariables.REVIEW_COMMENT, "x")),
				"analyst");
		assertThatThrownBy(() -> this.review.notify(task)).isInstanceOf(RunbookRefusal.class)
			.hasMessage("Choose a decision: release or keep restricted.");
	}

	@Test
	void aConnectorReviewThatInvestigatesTheAdminNeedsAnAddressAndRecordsItNormalised() {
		Map<String, Object> answers = new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "connector",
				CaseVariables.REVIEW_DECISION, ReviewCompletionListener.KEEP_RESTRICTED, CaseVariables.REVIEW_COMMENT,
				"Unknown connector; the admin changed it at night.", CaseVariables.INVESTIGATE_ADMIN, "true",
				CaseVariables.ADMIN_ACCOUNT, "not an address"));
		DelegateTask bad = CaseVariablesFake.signedIn(CaseVariablesFake.task(answers), "analyst");
		assertThatThrownBy(() -> this.review.notify(bad)).isInstanceOf(RunbookRefusal.class)
			.hasMessageStartingWith("To open a case for the admin account, give its address");

		answers.put(CaseVariables.ADMIN_ACCOUNT, "  Admin@Contoso.onmicrosoft.com ");
		DelegateTask good = CaseVariablesFake.signedIn(CaseVariablesFake.task(answers), "analyst");
		this.review.notify(good);
		assertThat(good.getVariable(CaseVariables.INVESTIGATE_ADMIN)).as("a Boolean for the gateway").isEqualTo(true);
		assertThat(good.getVariable(CaseVariables.ADMIN_ACCOUNT)).isEqualTo("admin@contoso.onmicrosoft.com");
	}

	@Test
	void theReviewerCannotClaimNorCompleteTheApproval() {
		DelegateTask claim = CaseVariablesFake.task(Map.of(CaseVariables.REVIEWED_BY, "analyst"));
		given(claim.getEventName()).willReturn(TaskListener.EVENTNAME_ASSIGNMENT);
		given(claim.getAssignee()).willReturn("analyst");
		assertThatThrownBy(() -> this.approval.notify(claim)).isInstanceOf(RunbookRefusal.class)
			.hasMessageContaining("'analyst' reviewed this case and cannot also approve it");

		DelegateTask complete = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(CaseVariables.REVIEWED_BY,
				"analyst", CaseVariables.APPROVAL_DECISION, ApprovalGuardListener.APPROVE,
				CaseVariables.APPROVAL_COMMENT, "ok")), "analyst");
		given(complete.getEventName()).willReturn(TaskListener.EVENTNAME_COMPLETE);
		assertThatThrownBy(() -> this.approval.notify(complete)).isInstanceOf(RunbookRefusal.class);
		assertThat(complete.getVariable(CaseVariables.APPROVED_BY)).isNull();
	}

	@Test
	void anotherAdministratorApprovesWithADecisionAndAComment() {
		DelegateTask noComment = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(CaseVariables.REVIEWED_BY,
				"analyst", CaseVariables.APPROVAL_DECISION, ApprovalGuardListener.APPROVE)), "secadmin");
		given(noComment.getEventName()).willReturn(TaskListener.EVENTNAME_COMPLETE);
		assertThatThrownBy(() -> this.approval.notify(noComment)).isInstanceOf(RunbookRefusal.class)
			.hasMessage("Write a comment: it is recorded with the case.");

		DelegateTask approved = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(CaseVariables.REVIEWED_BY,
				"analyst", CaseVariables.APPROVAL_DECISION, ApprovalGuardListener.APPROVE,
				CaseVariables.APPROVAL_COMMENT, "Evidence checked.")), "secadmin");
		given(approved.getEventName()).willReturn(TaskListener.EVENTNAME_COMPLETE);
		this.approval.notify(approved);
		assertThat(approved.getVariable(CaseVariables.APPROVED_BY)).isEqualTo("secadmin");
	}

	@Test
	void aRepeatIsReviewedBeforeAFirstCase() {
		ReviewPriority priority = new ReviewPriority();
		assertThat(priority.of(CaseVariablesFake.execution(Map.of(CaseVariables.REPEAT, true))))
			.isGreaterThan(priority.of(CaseVariablesFake.execution(Map.of(CaseVariables.REPEAT, false))));
		assertThat(priority.of(CaseVariablesFake.execution(Map.of()))).isEqualTo(ReviewPriority.FIRST);
	}

	private static Map<String, Object> mailboxRelease() {
		return new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "mailbox", CaseVariables.REVIEW_DECISION,
				ReviewCompletionListener.RELEASE, CaseVariables.REVIEW_COMMENT, "Rules removed, owner confirmed.",
				CaseVariables.ACCOUNT_UNDER_CONTROL, true, CaseVariables.RULES_DEALT_WITH, true,
				CaseVariables.FORWARDING_DEALT_WITH, true, CaseVariables.SIGN_INS_REVIEWED, true));
	}

}
