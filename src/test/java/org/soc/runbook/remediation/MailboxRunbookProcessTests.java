package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseEvidence;
import org.soc.runbook.EngineClockTests;
import org.soc.runbook.EngineDriver;
import org.soc.runbook.escalation.EscalationCompletionListener;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.review.ApprovalGuardListener;
import org.soc.runbook.review.ReviewCompletionListener;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenant.InboxRuleSpec;
import org.soc.runbook.simulator.SimulatorCall;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.RunbookErrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mailbox runbook with the real delegates calling the simulated tenant over HTTP: what each step does to the
 * tenant and records with the case, what the guards refuse, and what happens when the tenant fails, throttles or was
 * changed by hand. The model's paths alone (which step follows which, where a case waits, how it ends) are
 * {@link MailboxRunbookFlowTests}; this class keeps what needs the real delegates and the tenant. The job executor is
 * off: each test runs the due jobs itself and moves the engine's clock (which the simulator follows) instead of
 * sleeping.
 */
class MailboxRunbookProcessTests extends EngineClockTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	private static final String DOMAIN = "@contoso.onmicrosoft.com";

	@Test
	void anAdministratorsPasswordGraphMayNotResetIsReviewedWithTheMissingRoleNotAnIncident() {
		String mailbox = restrictedUser();
		this.tenant.assignAdminRole(mailbox, "Exchange Administrator");
		ProcessInstance pi = start(mailbox);

		this.driver.runDueJobs();

		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewRecommendations").hasNotPassed("Task_RestoreAccess");
		assertThat(this.runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
		assertThat(this.runtimeService.getVariable(pi.getId(), CaseVariables.PASSWORD_RESET))
			.isEqualTo(ResetPasswordDelegate.REFUSED);
		assertThat((String) this.runtimeService.getVariable(pi.getId(), CaseVariables.CONTAINMENT_SUMMARY))
			.contains("Password NOT reset", "Privileged Authentication Administrator");
		SimulatedTenant.UserSnapshot contained = this.tenant.userState(mailbox);
		assertThat(contained.passwordResets()).isZero();
		assertThat(contained.sessionsValidFrom()).as("the rest of the containment still ran").isNotNull();
		assertThat(this.tenant.calls("resetPassword")).filteredOn((c) -> c.target().equals(contained.id()))
			.extracting(SimulatorCall::status)
			.as("asked once: a missing role is not retried")
			.containsExactly(403);
	}

	@Test
	void shouldContainReviewApproveUnblockAndVerifyTheHappyPath() {
		String mailbox = restrictedUser();
		this.tenant.addInboxRule(mailbox, new InboxRuleSpec("Forward invoices", false, List.of("x@thief.example"),
				List.of(), false, null));
		this.tenant.addInboxRule(mailbox, new InboxRuleSpec(".", true, List.of(), List.of(), true, null));
		this.tenant.setMailboxForwarding(mailbox, "drop@thief.example", false);
		ProcessInstance pi = start(mailbox);

		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewRecommendations");
		Map<String, Object> vars = this.runtimeService.getVariables(pi.getId());
		assertThat(vars).containsEntry(CaseVariables.PASSWORD_RESET, "reset")
			.containsEntry(CaseVariables.SESSIONS_REVOKED, CaseContext.SESSIONS_REVOKED);
		SpinJsonNode evidence = (SpinJsonNode) vars.get(CaseVariables.EVIDENCE);
		assertThat(evidence.prop("mailboxForwarding").prop("forwarding").boolValue()).isTrue();
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.RULES)).contains("forwards to x@thief.example, outside the organisation")
			.contains("HIDDEN", "deletes mail");
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.FORWARDING)).isEqualTo("Forwards all mail to drop@thief.example without keeping a copy.");
		assertThat((String) vars.get(CaseVariables.REASON_SUMMARY)).contains("External recipients today: 4000");
		assertThat((String) vars.get(CaseVariables.CONTAINMENT_SUMMARY)).contains("Password reset");
		SimulatedTenant.UserSnapshot contained = this.tenant.userState(mailbox);
		assertThat(contained.passwordResets()).isEqualTo(1);
		assertThat(contained.sessionsValidFrom()).isNotNull();
		// The test configuration uses the Conditional Access group strategy of the demo.
		assertThat(contained.groups()).contains(DemoTenantSeed.MFA_GROUP_ID);

		String hiddenRule = ruleIdentity(pi, ".");
		this.driver.review(pi, "analyst", releaseDecision(List.of(hiddenRule), true));
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveRelease");
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.APPROVE);
		this.driver.runDueJobs();

		SimulatedTenant.UserSnapshot cleaned = this.tenant.userState(mailbox);
		assertThat(cleaned.inboxRulesEnabled()).containsEntry(".", false).containsEntry("Forward invoices", true);
		assertThat(cleaned.forwardingSmtpAddress()).isNull();
		assertThat(this.tenant.calls("Remove-BlockedSenderAddress")).filteredOn((c) -> c.target().equals(mailbox))
			.singleElement()
			.satisfies((c) -> assertThat(c.parameters().get("Reason")).contains("reviewed by analyst",
					"approved by secadmin", "Owner confirmed"));

		this.driver.advance(Duration.ofSeconds(1));
		// The release path is done; the case stays open until the helpdesk has helped the user back in.
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RestoreAccess");
		this.driver.userResetsThemselves(pi);
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.CASE_OUTCOME)).isEqualTo("releasedAndVerified");
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.APPROVED_BY)).isEqualTo("secadmin");
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.REVIEWED_BY)).isEqualTo("analyst");
		assertThat(this.tenant.isSenderBlocked(mailbox)).isFalse();

		// Only what is set crosses the call: the escalation's variables are not copied into and out of a
		// verification that did not escalate, nor the escalation form's view of the case; the checks' count and
		// last answer stay in the verification's history.
		String verification = this.driver.calledInstance(pi.getId());
		assertThat(variableNames(verification)).containsExactlyInAnyOrder(CaseVariables.ENTITY_TYPE,
				CaseVariables.ENTITY_ID, CaseVariables.DRY_RUN, CaseVariables.UNBLOCKED_AT, CaseVariables.RELEASED,
				CaseVariables.RELEASED_AT, CaseVariables.VERIFY_CHECKS, CaseVariables.RELEASE_OUTCOME);
		assertThat(variableNames(pi.getId())).contains(CaseVariables.RELEASED_AT, CaseVariables.RELEASE_OUTCOME)
			.doesNotContain(CaseVariables.RELEASED, CaseVariables.VERIFY_CHECKS, CaseVariables.ESCALATION_REASON, CaseVariables.ESCALATION_CODE,
					CaseVariables.ESCALATION_DECISION, CaseVariables.ESCALATION_NOTE,
					CaseVariables.ESCALATION_RESOLVED_BY, CaseVariables.NOTIFICATION_OUTCOME);
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.RELEASED_AT)).isNotNull();
		// The unblock's time comes back unchanged, so it is not written to the case a second time.
		assertThat(this.historyService.createHistoricDetailQuery()
			.processInstanceId(pi.getId())
			.variableUpdates()
			.list()
			.stream()
			.filter((d) -> CaseVariables.UNBLOCKED_AT.equals(((HistoricVariableUpdate) d).getVariableName())))
			.hasSize(1);
	}

	@Test
	void shouldRefuseAReleaseWithoutEveryRecommendationTicked() {
		String mailbox = restrictedUser();
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		Map<String, Object> partial = Map.of(CaseVariables.REVIEW_DECISION, "release", CaseVariables.REVIEW_COMMENT,
				"ok", CaseVariables.ACCOUNT_UNDER_CONTROL, true, CaseVariables.RULES_DEALT_WITH, true);
		// A refusal, whether the engine wrapped it or the guard handed it to the person as it is; the message is what
		// Tasklist and the REST API show.
		assertThatThrownBy(() -> this.driver.review(pi, "analyst", partial))
			.isInstanceOf(ProcessEngineException.class)
			.satisfies(RunbookRefusalAssert::refusal)
			.hasMessageContaining("suspicious forwarding is dealt with")
			.hasMessageContaining("recent sign-ins are reviewed");
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewRecommendations");
	}

	@Test
	void shouldNeverLetTheReviewerApproveTheirOwnCase() {
		String mailbox = restrictedUser();
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		this.driver.review(pi, "analyst", releaseDecision(List.of(), false));
		Task approval = this.driver.task(pi, "Task_ApproveRelease");
		assertThatThrownBy(() -> this.taskService.claim(approval.getId(), "analyst"))
			.satisfies(RunbookRefusalAssert::refusal)
			.hasMessageContaining("cannot also approve");
		assertThatThrownBy(() -> this.driver.approve(pi, "analyst", ApprovalGuardListener.APPROVE))
			.satisfies(RunbookRefusalAssert::refusal)
			.hasMessageContaining("cannot also approve");
		assertThat(this.taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isNull();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveRelease");
	}

	@Test
	void shouldVerifyTheReleaseAfterSeveralChecks() {
		String mailbox = restrictedUser();
		this.tenant.releaseDelay(Duration.ofMillis(2500));
		ProcessInstance pi = releaseApproved(mailbox);
		this.driver.advance(Duration.ofSeconds(1));
		this.driver.advance(Duration.ofSeconds(1));
		BpmnAwareTests.assertThat(pi).isActive();
		this.driver.advance(Duration.ofSeconds(1));
		this.driver.userResetsThemselves(pi);
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.driver.historicVariable(this.driver.calledInstance(pi.getId()), CaseVariables.VERIFY_CHECKS))
			.isEqualTo(3);
	}

	@Test
	void shouldEscalateWhenStillBlockedAfterTheTimeoutAndRetryTheUnblock() {
		ProcessInstance pi = stillBlockedAfterTimeout();
		String mailbox = (String) this.runtimeService.getVariable(pi.getId(), CaseVariables.ENTITY_ID);
		Object firstUnblock = this.runtimeService.getVariable(pi.getId(), CaseVariables.UNBLOCKED_AT);
		this.tenant.resetControls();
		this.tenant.useClock(new EngineDriver.EngineClock());
		this.driver.resolveEscalation(pi, EscalationCompletionListener.RETRY_UNBLOCK);
		this.driver.runDueJobs();
		this.driver.advance(Duration.ofSeconds(1));
		this.driver.userResetsThemselves(pi);
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.tenant.calls("Remove-BlockedSenderAddress")).filteredOn((c) -> c.target().equals(mailbox))
			.hasSize(2);
		// What the verification changed comes back to the case: the retried unblock's time, the lead's decision and
		// who took it.
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.UNBLOCKED_AT)).isNotNull()
			.isNotEqualTo(firstUnblock);
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.ESCALATION_DECISION))
			.isEqualTo(EscalationCompletionListener.RETRY_UNBLOCK);
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.ESCALATION_RESOLVED_BY)).isEqualTo("lead");
	}

	@Test
	void shouldLetTheReviewerSeeThatASyncedUserNeedsAnOnPremisesReset() {
		String mailbox = restrictedUser();
		this.tenant.syncFromOnPremises(mailbox);
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewRecommendations");
		assertThat(this.runtimeService.getVariable(pi.getId(), CaseVariables.PASSWORD_RESET)).isEqualTo("notPossible");
		assertThat((String) this.runtimeService.getVariable(pi.getId(), CaseVariables.CONTAINMENT_SUMMARY))
			.contains("on-premises Active Directory");
		assertThat(this.tenant.userState(mailbox).passwordResets()).isZero();
	}

	@Test
	void shouldEscalateWhenTheUnblockLimitIsReached() {
		String mailbox = restrictedUser();
		this.tenant.unblockLimit(0);
		ProcessInstance pi = releaseApproved(mailbox);
		Task resolve = this.driver.escalationTask(pi);
		assertThat((String) this.taskService.getVariable(resolve.getId(), CaseVariables.ESCALATION_REASON))
			.contains("unblock limit");
		assertThat(this.taskService.getVariable(resolve.getId(), CaseVariables.ESCALATION_CODE))
			.isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED);
	}

	@Test
	void shouldEscalateWhenTheUserDoesNotExist() {
		String mailbox = "ghost" + USERS.incrementAndGet() + DOMAIN;
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		Task resolve = this.driver.escalationTask(pi);
		assertThat((String) this.taskService.getVariable(resolve.getId(), CaseVariables.ESCALATION_REASON))
			.contains("No Entra user");
		this.driver.resolveEscalation(pi, EscalationCompletionListener.CLOSE);
		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClosedAfterEscalation");
	}

	@Test
	void shouldRaiseAnIncidentWhenTheTenantKeepsFailingAndResumeOnRetry() {
		String mailbox = restrictedUser();
		this.tenant.faults().failFor(Duration.ofHours(1), 503);
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		this.driver.advance(Duration.ofSeconds(1));
		this.driver.advance(Duration.ofSeconds(1));
		assertThat(this.runtimeService.createIncidentQuery().processInstanceId(pi.getId()).list()).singleElement()
			.satisfies((incident) -> assertThat(incident.getIncidentMessage()).contains("HTTP 503")
				.doesNotContain("\tat ", "\n")
				.hasSizeLessThan(600));

		this.tenant.faults().clear();
		Job failed = this.managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
		this.managementService.setJobRetries(failed.getId(), 1);
		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewRecommendations");
		assertThat(this.runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
	}

	@Test
	void shouldUnblockSafelyWhenTheMailboxWasAlreadyReleasedAndSaySo() {
		String mailbox = restrictedUser();
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		this.driver.review(pi, "analyst", releaseDecision(List.of(), false));
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.APPROVE);
		// An administrator released it in the portal before the runbook's unblock ran.
		this.tenant.unblockByHand(mailbox);
		this.driver.runDueJobs();
		this.driver.advance(Duration.ofSeconds(1));
		this.driver.userResetsThemselves(pi);
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.UNBLOCK_RESULT))
			.isEqualTo("Already off the blocked list: nothing to unblock.");
	}

	@Test
	void shouldWaitOutThrottlingAndFinish() {
		String mailbox = restrictedUser();
		this.tenant.clearCalls();
		// Three 429s use up the client's attempts: the job waits out the back-off, keeps its retries, and goes on.
		this.tenant.faults().throttleNext(3, Duration.ZERO);
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_LoadRestriction");
		this.driver.advance(Duration.ofSeconds(1));
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewRecommendations");
		// Other tests' cases share the engine and the simulator: only this mailbox's calls count.
		assertThat(this.tenant.calls("Get-BlockedSenderAddress")).filteredOn((c) -> c.target().equals(mailbox))
			.extracting(SimulatorCall::status)
			.containsExactly(429, 429, 429, 200);
		assertThat(this.runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private ProcessInstance stillBlockedAfterTimeout() {
		String mailbox = restrictedUser();
		this.tenant.neverRelease(mailbox);
		ProcessInstance pi = releaseApproved(mailbox);
		for (int i = 0; i < 9; i++) {
			this.driver.advance(Duration.ofSeconds(1));
		}
		Task resolve = this.driver.escalationTask(pi);
		assertThat((String) this.taskService.getVariable(resolve.getId(), CaseVariables.ESCALATION_REASON))
			.contains("Still on the Restricted entities list");
		assertThat(this.taskService.getVariable(resolve.getId(), CaseVariables.NOTIFICATION_OUTCOME)).isNotNull();
		// The lead's form shows the case's context, read from the case onto the task when it was created.
		assertThat(this.taskService.getVariablesLocal(resolve.getId()))
			.containsEntry(CaseVariables.REVIEWED_BY, "analyst")
			.containsEntry(CaseVariables.APPROVED_BY, "secadmin")
			.containsEntry(CaseVariables.REVIEW_COMMENT, "Owner confirmed; rules and forwarding removed.")
			.containsEntry(CaseVariables.RUN_MODE, DryRun.LIVE)
			.containsKeys(CaseVariables.REASON_SUMMARY, CaseVariables.CONTAINMENT_SUMMARY);
		assertThat((String) this.taskService.getVariable(resolve.getId(), CaseVariables.REASON_SUMMARY))
			.contains("External recipients today: 4000");
		return pi;
	}

	private ProcessInstance releaseApproved(String mailbox) {
		ProcessInstance pi = start(mailbox);
		this.driver.runDueJobs();
		this.driver.review(pi, "analyst", releaseDecision(List.of(), false));
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.APPROVE);
		this.driver.runDueJobs();
		return pi;
	}

	private List<String> variableNames(String processInstanceId) {
		return this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.list()
			.stream()
			.map(HistoricVariableInstance::getName)
			.toList();
	}

	private ProcessInstance start(String mailbox) {
		CaseStarter.OpenedCase opened = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test");
		return this.runtimeService.createProcessInstanceQuery().processInstanceId(opened.id()).singleResult();
	}

	private static Map<String, Object> releaseDecision(List<String> rules, boolean clearForwarding) {
		return Variables.createVariables()
			.putValue(CaseVariables.REVIEW_DECISION, ReviewCompletionListener.RELEASE)
			.putValue(CaseVariables.REVIEW_COMMENT, "Owner confirmed; rules and forwarding removed.")
			.putValue(CaseVariables.ACCOUNT_UNDER_CONTROL, true)
			.putValue(CaseVariables.RULES_DEALT_WITH, true)
			.putValue(CaseVariables.FORWARDING_DEALT_WITH, true)
			.putValue(CaseVariables.SIGN_INS_REVIEWED, true)
			.putValue(CaseVariables.RULES_TO_DISABLE, rules)
			.putValue(CaseVariables.CLEAR_FORWARDING, clearForwarding);
	}

	private String restrictedUser() {
		String mailbox = newUser();
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=4000;"
				+ "ExceedingLimitType=External;");
		return mailbox;
	}

	private String newUser() {
		String mailbox = "process.user" + USERS.incrementAndGet() + DOMAIN;
		this.tenant.addUser(mailbox, "Process User");
		// Registered for self-service password reset, so the helpdesk's step can end with "resets it themselves".
		this.tenant.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0199");
		return mailbox;
	}

	/** The rule's identity as the review form offers it (the checklist value). */
	private String ruleIdentity(ProcessInstance pi, String name) {
		SpinJsonNode options = (SpinJsonNode) this.runtimeService.getVariable(pi.getId(), CaseVariables.RULE_OPTIONS);
		for (SpinJsonNode option : options.elements()) {
			if (option.prop("label").stringValue().startsWith("'" + name + "'")) {
				return option.prop("value").stringValue();
			}
		}
		throw new AssertionError("the review form offers no rule named " + name);
	}

}
