package org.soc.runbook.detection;

import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.CaseEvidence;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.EngineDriver;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller against the simulated tenant, with the job executor off: each test fires the detection timer itself.
 * The detection model's path alone (a poll per cycle) is {@link DetectionFlowTests}.
 */
@Tag("engine-clock")
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
class DetectionProcessTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	ManagementService managementService;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	HistoryService historyService;

	@Autowired
	TaskService taskService;

	@Autowired
	IdentityService identityService;

	@Autowired
	CaseStarter starter;

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	TestRestTemplate http;

	private EngineDriver driver() {
		return new EngineDriver(this.managementService, this.taskService, this.identityService, this.historyService);
	}

	@AfterEach
	void reset() {
		this.tenant.resetControls();
		// Some tests move the engine's clock days on; the classes sharing this application start from now.
		ClockUtil.reset();
	}

	@Test
	void aPollOpensOneCasePerRestrictedMailboxAndASecondPollOpensNone() {
		String extra = restrictedUser();
		this.tenant.pageSize(2);

		Map<String, Object> first = poll();
		assertThat(openCases()).contains("mailbox:" + DemoTenantSeed.ADELE, "mailbox:" + DemoTenantSeed.MEGAN,
				"mailbox:" + DemoTenantSeed.JONI, "mailbox:" + extra);
		assertThat((Integer) first.get(PollRestrictionsDelegate.SENDERS_SEEN)).isGreaterThanOrEqualTo(4);
		// Other classes sharing this application add connectors of their own to the simulated tenant.
		assertThat((Integer) first.get(PollRestrictionsDelegate.CONNECTORS_SEEN)).isGreaterThanOrEqualTo(1);
		assertThat(openCases()).contains("connector:" + DemoTenantSeed.RELAY_CONNECTOR);
		assertThat(first).containsEntry(PollRestrictionsDelegate.SKIPPED, 0);
		assertThat(this.tenant.calls("Get-BlockedSenderAddress")).filteredOn((c) -> c.parameters().isEmpty())
			.hasSizeGreaterThan(1);

		int open = openCases().size();
		Map<String, Object> second = poll();
		assertThat(second).containsEntry(PollRestrictionsDelegate.CASES_STARTED, 0);
		assertThat(openCases()).hasSize(open);
	}

	@Test
	void aClaimWhoseCaseVanishedWithoutItsEndIsFreedByTheNextPoll() {
		String mailbox = restrictedUser();
		poll();
		String first = this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.singleResult()
			.getId();
		// Deleted by hand past the runbook's listeners: the entity's claim stays behind, held by no running case.
		this.runtimeService.deleteProcessInstance(first, "deleted in Cockpit", true);

		Map<String, Object> run = poll();

		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.list()).singleElement().satisfies((pi) -> assertThat(pi.getId()).isNotEqualTo(first));
		assertThat((Integer) run.get(PollRestrictionsDelegate.CASES_STARTED)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aMailboxOnTheBlockedListAndInAnAlertOfTheSameRunGetsOneCase() {
		String mailbox = restrictedUser();
		this.tenant.addAlert("User restricted from sending email", "high", java.time.Instant.now().minusSeconds(30),
				mailbox);
		Map<String, Object> run = poll();
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.count()).isEqualTo(1);
		// The seeded mailboxes have alerts too: still one case each.
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + DemoTenantSeed.ADELE)
			.count()).isEqualTo(1);
		assertThat(run).containsEntry(PollRestrictionsDelegate.ALERT_CASES_STARTED, 0);
	}

	@Test
	void aMailboxReleasedByHandIsNotRestarted() {
		String mailbox = restrictedUser();
		poll();
		assertThat(openCases()).contains("mailbox:" + mailbox);
		// An administrator released it in the portal and the case was closed (kept restricted, say).
		closeByKeepingRestricted(mailbox);
		removeFromBlockedList(mailbox);
		poll();
		assertThat(openCases()).doesNotContain("mailbox:" + mailbox);
	}

	@Test
	void aMailboxKeptRestrictedIsNotReopenedUntilSomethingChanges() {
		String mailbox = restrictedUser();
		poll();
		closeByKeepingRestricted(mailbox);
		String key = "mailbox:" + mailbox;

		// Microsoft keeps the same restriction: the decision stands, poll after poll, with no new containment.
		for (int i = 0; i < 3; i++) {
			driver().advance(Duration.ofMinutes(5));
			Map<String, Object> run = poll();
			assertThat((Integer) run.get(PollRestrictionsDelegate.KEPT_RESTRICTED)).isGreaterThanOrEqualTo(1);
			assertThat(openCases()).doesNotContain(key);
		}
		assertThat(this.tenant.userState(mailbox).passwordResets()).isEqualTo(1);
		String decided = lastCase(key);
		assertThat(this.historyService.createHistoricActivityInstanceQuery()
			.processInstanceId(decided)
			.activityId("EndEvent_KeptRestricted")
			.finished()
			.count()).as("the decided case ended kept restricted").isEqualTo(1);
		// The case list says it was kept restricted, by whom and when; Tasklist has nothing new for it.
		JsonNode summary = new CaseHttp(this.http).get("auditor", "/api/cases/" + decided);
		assertThat(summary.path("outcome").asText()).isEqualTo("keptRestricted");
		assertThat(summary.path("decidedBy").asText()).isEqualTo("analyst");
		assertThat(summary.path("decidedAt").asText()).isNotBlank();
		assertThat(this.taskService.createTaskQuery().processInstanceBusinessKey(key).count()).isZero();
		// The auditor reads on the decided case that the polls saw it still listed and left it alone, counted once.
		assertThat(timeline(decided)).anySatisfy((entry) -> {
			assertThat(entry.path("step").asText()).isEqualTo("Decision stands");
			assertThat(entry.path("summary").asText()).startsWith("Still on Microsoft's list with the same "
					+ "restriction; the decision stands, no case was opened (3 poll(s), ");
		});

		// Released by hand and restricted again afterwards: something a SOC cares about, so a case says why.
		driver().advance(Duration.ofMinutes(5));
		this.tenant.unblockByHand(mailbox);
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		poll();
		assertThat(openCases()).contains(key);
		assertThat((String) this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(key)
			.list()
			.stream()
			.map((pi) -> this.runtimeService.getVariable(pi.getId(), CaseVariables.SOURCE))
			.findFirst()
			.orElseThrow()).startsWith("poller: restricted again since");
		assertThat(timeline(decided)).anySatisfy((entry) -> {
			assertThat(entry.path("step").asText()).isEqualTo("Case opened again");
			assertThat(entry.path("summary").asText()).contains("poller: restricted again since");
		});
	}

	@Test
	void aKeptDecisionIsOpenedAgainByANewAlertAndByAPersonAskingThroughTheApi() {
		String mailbox = restrictedUser();
		String key = "mailbox:" + mailbox;
		poll();
		closeByKeepingRestricted(mailbox);
		driver().advance(Duration.ofMinutes(5));
		poll();
		assertThat(openCases()).doesNotContain(key);

		// Defender raises a new alert for it after the decision: opened again, with the alert as its source.
		this.tenant.addAlert("User restricted from sending email", "high", ClockUtil.getCurrentTime().toInstant().minusSeconds(30), mailbox);
		poll();
		assertThat(openCases()).contains(key);
		String byAlert = lastCase(key);
		assertThat((String) this.runtimeService.getVariable(byAlert, CaseVariables.SOURCE)).startsWith("alert:");
		closeByKeepingRestricted(mailbox);

		// An analyst asks for it again through the case API: a person's request always opens a case.
		driver().advance(Duration.ofMinutes(5));
		ResponseEntity<String> asked = new CaseHttp(this.http).post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", mailbox));
		assertThat(asked.getStatusCode().value()).isEqualTo(201);
		String byPerson = CaseHttp.json(asked.getBody()).path("id").asText();
		assertThat(timeline(byAlert)).anySatisfy((entry) -> {
			assertThat(entry.path("step").asText()).isEqualTo("Case opened again");
			assertThat(entry.path("summary").asText()).contains(byPerson, "api");
		});
	}

	@Test
	void aDecisionToKeepItRestrictedIsReviewedAgainAfterTheReReviewPeriod() {
		String mailbox = restrictedUser();
		poll();
		closeByKeepingRestricted(mailbox);
		driver().advance(Duration.ofDays(6));
		poll();
		assertThat(openCases()).doesNotContain("mailbox:" + mailbox);

		driver().advance(Duration.ofDays(2));
		poll();
		assertThat(openCases()).contains("mailbox:" + mailbox);

		// A review of the decision only: its form shows the decision, and the account is not contained again.
		driver().runDueJobs();
		Task review = reviewTask(mailbox);
		ProcessInstance reReview = this.runtimeService.createProcessInstanceQuery()
			.processInstanceId(review.getProcessInstanceId())
			.singleResult();
		BpmnAwareTests.assertThat(reReview).isWaitingAt("Task_ReviewRecommendations")
			.hasPassed("Gateway_ReReview")
			.hasNotPassed("Task_ResetPassword", "Task_RevokeSessions", "Task_EnforceMfa", "Task_RestoreAccess");
		assertThat((String) this.taskService.getVariable(review.getId(), CaseVariables.EARLIER_DECISION))
			.startsWith("Kept restricted on ")
			.endsWith(" by analyst: Closed for the test.");
		assertThat(this.tenant.userState(mailbox).passwordResets()).isEqualTo(1);
		assertThat(this.taskService.createTaskQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.taskDefinitionKey("Task_RestoreAccess")
			.count()).as("nobody newly locked out").isZero();
	}

	@Test
	void aSuspiciousConnectorActivityAlertOpensACaseForTheConnectorItsDomainAndAddressName() {
		int n = USERS.incrementAndGet();
		UUID guid = UUID.randomUUID();
		Instant now = Instant.now();
		this.tenant.addInboundConnector(guid, new SimulatedTenant.InboundConnectorSpec("Alerted relay " + n,
				"OnPremises", List.of("192.0.2." + (16 * (n % 15)) + "/28"), List.of("alerted" + n + ".example"), null,
				true, false, now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(1)), null));
		String alert = this.tenant.addConnectorAlert(now.minusSeconds(60), "alerted" + n + ".example",
				"192.0.2." + (16 * (n % 15) + 5));

		poll();

		HistoricProcessInstance opened = this.historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey("connector:" + guid)
			.singleResult();
		assertThat(opened).as("a case for the connector the alert names").isNotNull();
		assertThat(this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(opened.getId())
			.variableName(CaseVariables.SOURCE)
			.singleResult()
			.getValue()).isEqualTo("alert:" + alert);
	}

	@Test
	void aFailedPollIsRecordedAndRaisesNoIncident() {
		this.tenant.faults().failFor(Duration.ofMinutes(5), 503);
		Map<String, Object> failed = poll();
		assertThat((String) failed.get(PollRestrictionsDelegate.POLL_ERROR)).contains("HTTP 503");
		assertThat(this.runtimeService.createIncidentQuery().count()).isZero();
	}

	@Test
	void aMailboxRestrictedAgainSoonAfterAClosedCaseIsARepeatWithAHigherPriority() {
		String mailbox = restrictedUser();
		CaseStarter.OpenedCase first = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test");
		driver().runDueJobs();
		closeByKeepingRestricted(mailbox);
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceId(first.id()).count()).isZero();

		CaseStarter.OpenedCase again = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test");
		assertThat(again.started()).isTrue();
		assertThat(again.id()).isNotEqualTo(first.id());
		assertThat(this.runtimeService.getVariable(again.id(), CaseVariables.REPEAT)).isEqualTo(true);
		assertThat(this.runtimeService.getVariable(again.id(), CaseVariables.RECENT_CASES)).isEqualTo(1L);
		driver().runDueJobs();
		Task review = reviewTask(mailbox);
		assertThat(review.getPriority()).isEqualTo(80);
		assertThat(CaseEvidence.summary(this.taskService.getVariable(review.getId(), CaseVariables.EVIDENCE),
				EvidenceSummary.HISTORY))
			.contains("1 earlier case(s)", "REPEAT");
	}

	@Test
	void oneMailboxGetsOneOpenCaseHoweverOftenItIsReported() {
		String mailbox = restrictedUser();
		CaseStarter.OpenedCase first = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "api", "analyst");
		CaseStarter.OpenedCase second = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox.toUpperCase(), "intake", "siem");
		poll();
		assertThat(first.started()).isTrue();
		assertThat(second.started()).isFalse();
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
			.count()).isEqualTo(1);
	}

	@Test
	void aDefenderAlertOpensACaseButNotAgainAfterThatCaseClosed() {
		String mailbox = "alerted.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Alerted User");
		this.tenant.addAlert("User restricted from sending email", "high", java.time.Instant.now().minusSeconds(60),
				mailbox);
		Map<String, Object> run = poll();
		assertThat((Integer) run.get(PollRestrictionsDelegate.ALERT_CASES_STARTED)).isGreaterThanOrEqualTo(1);
		HistoricProcessInstance alertCase = this.historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.singleResult();
		assertThat(this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(alertCase.getId())
			.variableName(CaseVariables.SOURCE)
			.singleResult()
			.getValue()).asString().startsWith("alert:");
		// The case keeps the alert and its incident, with the Defender portal's links.
		assertThat(this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(alertCase.getId())
			.variableName(CaseVariables.DEFENDER_INCIDENT_URL)
			.singleResult()
			.getValue()).asString().startsWith("https://security.microsoft.com/incidents/");
		// Not on the blocked list: the case ends as already released; the same alert must not reopen it.
		driver().runDueJobs();
		assertThat(openCases()).doesNotContain("mailbox:" + mailbox);
		// The outcome is reported on the alert, where the SOC looks: a comment, and the alert resolved.
		String alertId = String.valueOf(this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(alertCase.getId())
			.variableName(CaseVariables.DEFENDER_ALERT_ID)
			.singleResult()
			.getValue());
		// Delivered from the outbox by its own schedule, as every message is.
		SimulatedTenant.AlertUpdate reported = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.tenant.alertState(alertId), (state) -> "resolved".equals(state.status()));
		assertThat(reported.comments()).singleElement()
			.asString()
			.contains("Restricted Entity Runbook, case mailbox:" + mailbox + ": already released");
		poll();
		assertThat(this.historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.count()).isEqualTo(1);
	}

	@Test
	void aSecondAlertAboutAnOpenCaseJoinsItAndHearsItsOutcomeToo() {
		String mailbox = "twice.alerted" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Twice Alerted");
		this.tenant.addAuthenticationMethod(mailbox, "microsoftAuthenticatorAuthenticationMethod");
		this.tenant.restrictSender(mailbox, "OutboundSpamLast24Hours=900;OutboundMailLast24Hours=950;");
		String first = this.tenant.addAlert("User restricted from sending email", "high",
				java.time.Instant.now().minusSeconds(120), mailbox);
		poll();
		String second = this.tenant.addAlert("User restricted from sending email", "high",
				java.time.Instant.now().minusSeconds(30), mailbox);
		poll();
		poll();
		assertThat(this.historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.count()).as("one case per entity").isEqualTo(1);
		// The second alert says at once which case has it, once however often it is polled.
		SimulatedTenant.AlertUpdate joined = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.tenant.alertState(second), (state) -> "inProgress".equals(state.status()));
		assertThat(joined.comments()).singleElement()
			.asString()
			.contains("case mailbox:" + mailbox + " was already open for this mailbox");

		closeByKeepingRestricted(mailbox);
		assertThat(openCases()).doesNotContain("mailbox:" + mailbox);
		for (String alert : List.of(first, second)) {
			SimulatedTenant.AlertUpdate reported = await().atMost(Duration.ofSeconds(30))
				.until(() -> this.tenant.alertState(alert), (state) -> "resolved".equals(state.status()));
			assertThat(reported.comments()).last()
				.asString()
				.contains("Restricted Entity Runbook, case mailbox:" + mailbox + ": kept restricted");
		}
	}

	@Test
	void alertsThatCannotBeReadDoNotStopThePoll() {
		this.tenant.faults().forbid("listAlerts");
		Map<String, Object> run = poll();
		assertThat((String) run.get(PollRestrictionsDelegate.ALERTS_ERROR)).contains("403");
		assertThat(run).containsKey(PollRestrictionsDelegate.SENDERS_SEEN).doesNotContainKey(PollRestrictionsDelegate.POLL_ERROR);
	}

	// ------------------------------------------------------------------------------------------------ helpers

	/** Fires the detection timer, runs the poll, and returns the run's recorded counts. */
	private Map<String, Object> poll() {
		Job timer = this.managementService.createJobQuery()
			.processDefinitionKey("restriction-detection")
			.timers()
			.singleResult();
		// The run this poll starts is the one not there before: start times do not order runs once a test has moved
		// the engine's clock days on and back.
		Set<String> before = this.historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey("restriction-detection")
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.collect(Collectors.toSet());
		this.managementService.executeJob(timer.getId());
		String started = this.historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey("restriction-detection")
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.filter((id) -> !before.contains(id))
			.findFirst()
			.orElseThrow();
		driver().runDueJobs();
		HistoricProcessInstance run = this.historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(started)
			.singleResult();
		assertThat(run.getState()).isEqualTo("COMPLETED");
		return this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(run.getId())
			.list()
			.stream()
			.collect(Collectors.toMap((v) -> v.getName(), (v) -> v.getValue()));
	}

	private Set<String> openCases() {
		return this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKeyIn(ProcessKeys.MAILBOX_RUNBOOK, ProcessKeys.CONNECTOR_RUNBOOK)
			.list()
			.stream()
			.map(ProcessInstance::getBusinessKey)
			.collect(Collectors.toSet());
	}

	/** The review keeps it restricted; the helpdesk's step is done too (the user resets the password), so it ends. */
	private void closeByKeepingRestricted(String mailbox) {
		driver().runDueJobs();
		driver().completeAs("analyst", EngineDriver.ANALYSTS, reviewTask(mailbox), Map.of(CaseVariables.REVIEW_DECISION,
				"keepRestricted", CaseVariables.REVIEW_COMMENT, "Closed for the test."));
		Task helpdesk = this.taskService.createTaskQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.taskDefinitionKey("Task_RestoreAccess")
			.singleResult();
		if (helpdesk != null) {
			driver().completeAs("helpdesk", EngineDriver.HELPDESK, helpdesk, Map.of(CaseVariables.ACCESS_RESTORATION,
					"selfServiceReset"));
		}
	}

	/** The id of the entity's last case. */
	private String lastCase(String businessKey) {
		return this.historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(businessKey)
			.orderByProcessInstanceStartTime()
			.desc()
			.list()
			.get(0)
			.getId();
	}

	/** The case's audit timeline as the auditors' API gives it. */
	private List<JsonNode> timeline(String caseId) {
		List<JsonNode> entries = new ArrayList<>();
		new CaseHttp(this.http).get("auditor", "/api/cases/" + caseId + "/audit").path("timeline").forEach(entries::add);
		return entries;
	}

	private Task reviewTask(String mailbox) {
		return this.taskService.createTaskQuery()
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.taskDefinitionKey("Task_ReviewRecommendations")
			.singleResult();
	}

	private void removeFromBlockedList(String mailbox) {
		this.tenant.unblockByHand(mailbox);
	}

	/** A restricted user who can reset the password themselves (a phone is registered). */
	private String restrictedUser() {
		String mailbox = "detect.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Detect User");
		this.tenant.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0142");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		return mailbox;
	}

}
