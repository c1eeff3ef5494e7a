package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseEvidence;
import org.soc.runbook.EngineClockTests;
import org.soc.runbook.EngineDriver;
import org.soc.runbook.escalation.EscalationCompletionListener;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.review.ApprovalGuardListener;
import org.soc.runbook.review.ReviewCompletionListener;
import org.soc.runbook.simulator.SimulatedTenant.InboundConnectorSpec;
import org.soc.runbook.simulator.SimulatorCall;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.RunbookErrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector runbook with the real delegates calling the simulated tenant over HTTP: Microsoft's "Respond to a
 * compromised connector" and "Remove blocked connectors" as the steps carry them out against the tenant, what they
 * record with the case, and what the guards refuse. The model's paths alone are {@link ConnectorRunbookFlowTests};
 * this class keeps what needs the real delegates and the tenant. The job executor is off: each test runs the due jobs
 * itself and moves the engine's clock (which the simulator follows) instead of sleeping.
 */
class ConnectorRunbookProcessTests extends EngineClockTests {

	private static final AtomicInteger CONNECTORS = new AtomicInteger();

	private static final String ADMIN_DOMAIN = "@contoso.onmicrosoft.com";

	@Test
	void shouldGatherTheConfigurationReviewApproveUnblockAndVerify() {
		String admin = newAdmin();
		UUID connector = compromisedConnector(admin);
		ProcessInstance pi = start(connector);

		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewConnector");
		Map<String, Object> vars = this.runtimeService.getVariables(pi.getId());
		assertThat(vars).containsEntry(CaseVariables.ENTITY_TYPE, "connector")
			.containsEntry(CaseVariables.ADMIN_ACCOUNT, admin);
		Object evidence = vars.get(CaseVariables.EVIDENCE);
		assertThat(pi.getBusinessKey()).isEqualTo("connector:" + connector);
		assertThat((String) vars.get(CaseVariables.REASON_SUMMARY)).contains("potentially compromised");
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.CONFIGURATION)).contains("OnPremises",
				"Sender IP addresses: none");
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.FLAGS)).contains("Changed 26 hour(s) ago",
				"No IP or certificate restriction", "Accepts any sender domain");
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.CHANGES)).contains("Set-InboundConnector by " + admin);
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.HISTORY)).startsWith("First case for");

		this.driver.review(pi, "analyst", releaseDecision(false));
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveConnectorRelease");
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.APPROVE);
		this.driver.runDueJobs();
		assertThat(this.tenant.calls("Remove-BlockedConnector")).filteredOn((c) -> c.target().equals(connector.toString()))
			.singleElement()
			.satisfies((c) -> assertThat(c.parameters().get("Reason")).contains("reviewed by analyst",
					"approved by secadmin", "Relay locked to our IPs"));

		this.driver.advance(Duration.ofSeconds(1));
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.CASE_OUTCOME)).isEqualTo("releasedAndVerified");
		assertThat(this.tenant.isConnectorBlocked(connector)).isFalse();
		// Investigating the admin was not asked for: no mailbox case.
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("mailbox:" + admin).count())
			.isZero();
	}

	@Test
	void shouldOpenAMailboxCaseForTheAdminAccountThatChangedTheConnector() {
		String admin = newAdmin();
		UUID connector = compromisedConnector(admin);
		ProcessInstance pi = start(connector);
		this.driver.runDueJobs();

		Map<String, Object> noAddress = Variables.fromMap(releaseDecision(true));
		noAddress.put(CaseVariables.ADMIN_ACCOUNT, "not an address");
		assertThatThrownBy(() -> this.driver.review(pi, "analyst", noAddress))
			.isInstanceOf(ProcessEngineException.class)
			.satisfies(RunbookRefusalAssert::refusal)
			.hasMessageContaining("give its address");
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewConnector");

		// The reviewer keeps the pre-filled admin (in upper case, as people type it).
		Map<String, Object> investigate = Variables.fromMap(releaseDecision(true));
		investigate.put(CaseVariables.ADMIN_ACCOUNT, admin.toUpperCase());
		this.driver.review(pi, "analyst", investigate);
		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveConnectorRelease");
		assertThat(this.runtimeService.getVariable(pi.getId(), CaseVariables.ADMIN_CASE)).isEqualTo("mailbox:" + admin);

		ProcessInstance adminCase = this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + admin)
			.singleResult();
		assertThat(adminCase).as("a mailbox case of its own").isNotNull();
		// Not restricted, yet contained and put in front of a reviewer.
		BpmnAwareTests.assertThat(adminCase).isWaitingAt("Task_ReviewRecommendations");
		assertThat(this.runtimeService.getVariables(adminCase.getId()))
			.containsEntry(CaseVariables.RELATED_CASE, "connector:" + connector)
			.containsEntry(CaseVariables.BLOCKED, false)
			.containsEntry(CaseVariables.PASSWORD_RESET, "reset");
		assertThat(this.tenant.userState(admin).passwordResets()).isEqualTo(1);
		assertThat((String) this.runtimeService.getVariable(adminCase.getId(), CaseVariables.REASON_SUMMARY))
			.contains("investigate the administrator account");
	}

	// The path is ConnectorRunbookFlowTests'; this is the only test of the real load step finding a connector gone
	// from the blocked list.
	@Test
	void shouldEndAsAlreadyReleasedWhenTheConnectorIsNoLongerBlocked() {
		UUID connector = connector("Relay " + CONNECTORS.incrementAndGet(), Instant.now().minus(Duration.ofDays(300)));
		ProcessInstance pi = start(connector);
		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_AlreadyReleased");
		assertThat(this.tenant.calls("Get-InboundConnector")).filteredOn((c) -> c.target().equals(connector.toString()))
			.isEmpty();
	}

	// The answer leaves out investigateAdmin, as a REST client may: the real review listener turns that into the false
	// the model's gateway reads, which the model tests (whose listener is a stand-in) cannot show.
	@Test
	void shouldKeepRestrictedWithoutTouchingTheBlock() {
		UUID connector = compromisedConnector(newAdmin());
		ProcessInstance pi = start(connector);
		this.driver.runDueJobs();
		this.driver.review(pi, "analyst",
				Map.of(CaseVariables.REVIEW_DECISION, ReviewCompletionListener.KEEP_RESTRICTED,
						CaseVariables.REVIEW_COMMENT, "Unknown IPs still relaying; Microsoft Support engaged."));
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_KeptRestricted");
		assertThat(removals(connector)).isEmpty();
		assertThat(this.tenant.isConnectorBlocked(connector)).isTrue();
	}

	@Test
	void shouldRefuseAReleaseWithoutMicrosoftsChecklist() {
		UUID connector = compromisedConnector(newAdmin());
		ProcessInstance pi = start(connector);
		this.driver.runDueJobs();
		Map<String, Object> partial = Map.of(CaseVariables.REVIEW_DECISION, ReviewCompletionListener.RELEASE,
				CaseVariables.REVIEW_COMMENT, "ok", CaseVariables.CONNECTOR_SETTINGS_REVIEWED, true);
		assertThatThrownBy(() -> this.driver.review(pi, "analyst", partial))
			.satisfies(RunbookRefusalAssert::refusal)
			.hasMessageContaining("unauthorized changes are reverted")
			.hasMessageContaining("the sender IP addresses or certificate are ours")
			.hasMessageContaining("the admin account that changed it is investigated")
			.hasMessageNotContaining("inbox rules");
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewConnector");
	}

	@Test
	void shouldSendARejectedReleaseBackToReviewAndNeverLetTheReviewerApprove() {
		UUID connector = compromisedConnector(newAdmin());
		ProcessInstance pi = start(connector);
		this.driver.runDueJobs();
		this.driver.review(pi, "analyst", releaseDecision(false));
		assertThatThrownBy(() -> this.driver.approve(pi, "analyst", ApprovalGuardListener.APPROVE))
			.satisfies(RunbookRefusalAssert::refusal)
			.hasMessageContaining("cannot also approve");
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.REJECT);
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewConnector");
		assertThat(removals(connector)).isEmpty();
	}

	@Test
	void shouldVerifyTheReleaseAfterSeveralChecks() {
		UUID connector = compromisedConnector(newAdmin());
		this.tenant.releaseDelay(Duration.ofMillis(2500));
		ProcessInstance pi = releaseApproved(connector);
		this.driver.advance(Duration.ofSeconds(1));
		this.driver.advance(Duration.ofSeconds(1));
		BpmnAwareTests.assertThat(pi).isActive();
		this.driver.advance(Duration.ofSeconds(1));
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(this.driver.historicVariable(this.driver.calledInstance(pi.getId()), CaseVariables.VERIFY_CHECKS))
			.isEqualTo(3);
	}

	@Test
	void shouldEscalateWhenStillBlockedAfterTheTimeoutAndRetryTheUnblock() {
		ProcessInstance pi = stillBlockedAfterTimeout();
		UUID connector = UUID.fromString((String) this.runtimeService.getVariable(pi.getId(), CaseVariables.ENTITY_ID));
		this.tenant.resetControls();
		this.tenant.useClock(new EngineDriver.EngineClock());
		this.driver.resolveEscalation(pi, EscalationCompletionListener.RETRY_UNBLOCK);
		this.driver.runDueJobs();
		this.driver.advance(Duration.ofSeconds(1));
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		assertThat(removals(connector)).hasSize(2);
		assertThat(this.driver.historicVariable(pi.getId(), CaseVariables.ESCALATION_RESOLVED_BY)).isEqualTo("lead");
	}

	@Test
	void shouldEscalateAtOnceWhenMicrosoftRefusesAnotherUnblock() {
		UUID connector = compromisedConnector(newAdmin());
		this.tenant.unblockLimit(0);
		ProcessInstance pi = releaseApproved(connector);
		assertThat((String) this.taskService.getVariable(this.driver.escalationTask(pi).getId(),
				CaseVariables.ESCALATION_REASON)).contains("refused to unblock connector", "unblock limit");
		assertThat(this.runtimeService.getVariable(pi.getId(), CaseVariables.ESCALATION_CODE))
			.isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED);
	}

	@Test
	void shouldGoOnToReviewWhenTheConfigurationAndAuditLogCannotBeRead() {
		UUID connector = compromisedConnector(newAdmin());
		this.tenant.faults().forbid("Get-InboundConnector").forbid("Search-UnifiedAuditLog");
		ProcessInstance pi = start(connector);
		this.driver.runDueJobs();
		BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewConnector");
		Map<String, Object> vars = this.runtimeService.getVariables(pi.getId());
		Object evidence = vars.get(CaseVariables.EVIDENCE);
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.CONFIGURATION)).startsWith("Unavailable:");
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.CHANGES)).startsWith("Unavailable:");
		assertThat(CaseEvidence.summary(evidence, EvidenceSummary.FLAGS)).contains("could not be read");
		assertThat(vars.get(CaseVariables.CONNECTOR_NAME)).as("from the blocked list").isNotNull();
		assertThat(vars).doesNotContainKey(CaseVariables.ADMIN_ACCOUNT);
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private ProcessInstance stillBlockedAfterTimeout() {
		UUID connector = compromisedConnector(newAdmin());
		this.tenant.neverRelease(connector.toString());
		ProcessInstance pi = releaseApproved(connector);
		for (int i = 0; i < 9; i++) {
			this.driver.advance(Duration.ofSeconds(1));
		}
		assertThat((String) this.taskService.getVariable(this.driver.escalationTask(pi).getId(),
				CaseVariables.ESCALATION_REASON)).contains("Still on the Restricted entities list");
		return pi;
	}

	private ProcessInstance releaseApproved(UUID connector) {
		ProcessInstance pi = start(connector);
		this.driver.runDueJobs();
		this.driver.review(pi, "analyst", releaseDecision(false));
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.APPROVE);
		this.driver.runDueJobs();
		return pi;
	}

	private ProcessInstance start(UUID connector) {
		// Exchange prints GUIDs in lower case; a SIEM may send upper case: one case either way.
		CaseStarter.OpenedCase opened = this.starter.openConnectorCase(TestTenants.SINGLE, connector.toString().toUpperCase(), "test",
				"test");
		return this.runtimeService.createProcessInstanceQuery().processInstanceId(opened.id()).singleResult();
	}

	private static Map<String, Object> releaseDecision(boolean investigateAdmin) {
		return Variables.createVariables()
			.putValue(CaseVariables.REVIEW_DECISION, ReviewCompletionListener.RELEASE)
			.putValue(CaseVariables.REVIEW_COMMENT, "Relay locked to our IPs again; unknown change reverted.")
			.putValue(CaseVariables.CONNECTOR_SETTINGS_REVIEWED, true)
			.putValue(CaseVariables.CHANGES_REVERTED, true)
			.putValue(CaseVariables.SENDERS_CONFIRMED, true)
			.putValue(CaseVariables.ADMIN_INVESTIGATED, true)
			.putValue(CaseVariables.INVESTIGATE_ADMIN, investigateAdmin);
	}

	private List<SimulatorCall> removals(UUID connector) {
		return this.tenant.calls("Remove-BlockedConnector")
			.stream()
			.filter((c) -> c.target().equals(connector.toString()))
			.toList();
	}

	/** An on-premises relay opened to the internet by {@code admin} 26 hours ago and then blocked. */
	private UUID compromisedConnector(String admin) {
		Instant changed = Instant.now().minus(Duration.ofHours(26));
		String name = "Relay " + CONNECTORS.incrementAndGet();
		UUID connector = connector(name, changed);
		this.tenant.recordConnectorChange(changed, admin, "Set-InboundConnector", name);
		this.tenant.restrictConnector(connector,
				"Connector has been detected to be potentially compromised: outbound spam from 198.51.100.7");
		return connector;
	}

	private UUID connector(String name, Instant changed) {
		return this.tenant.addInboundConnector(new InboundConnectorSpec(name, "OnPremises", List.of(), List.of("*"),
				null, false, false, changed.minus(Duration.ofDays(400)), changed, "printers"));
	}

	private String newAdmin() {
		String admin = "it.admin" + CONNECTORS.incrementAndGet() + ADMIN_DOMAIN;
		this.tenant.addUser(admin, "IT Admin");
		return admin;
	}

}
