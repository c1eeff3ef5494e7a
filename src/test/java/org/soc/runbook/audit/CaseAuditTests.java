package org.soc.runbook.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenant.InboxRuleSpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditors' case API against cases run for real (job executor, simulated tenant, people through Camunda's REST
 * API): the timeline tells what happened in order, who decided what, and what the runbook did in the tenant; the JSON
 * and CSV exports agree and carry the hash of their bytes; the list filters and pages; only readers read.
 */
@RunbookIntegrationTest
class CaseAuditTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	IdentityService identityService;

	@Autowired
	HistoryService historyService;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CaseIndex caseIndex;

	CaseHttp cases;

	@BeforeEach
	void client() {
		this.cases = new CaseHttp(this.http);
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
		this.tenant.faults().clear();
	}

	@Test
	void theTimelineOfAReleasedCaseTellsWhoDidWhatInOrderAndWhatChangedInTheTenant() throws Exception {
		String mailbox = restrictedUser();
		this.tenant.addInboxRule(mailbox, new InboxRuleSpec("=HYPERLINK(\"http://x\")", false,
				List.of("drop@thief.example"), List.of(), false, null));
		String caseId = open(mailbox);
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");
		this.cases.post("analyst", "/engine-rest/task/" + review + "/claim", Map.of("userId", "analyst"));
		this.cases.submit("analyst", review, Map.of("reviewDecision", Map.of("value", "release"), "reviewComment",
				Map.of("value", "Owner confirmed the phishing click."), "accountUnderControl", Map.of("value", true),
				"rulesDealtWith", Map.of("value", true), "forwardingDealtWith", Map.of("value", true),
				"signInsReviewed", Map.of("value", true)));
		String approval = this.cases.awaitTask("secadmin", caseId, "Task_ApproveRelease");
		this.cases.submit("secadmin", approval, Map.of("approvalDecision", Map.of("value", "approve"),
				"approvalComment", Map.of("value", "Checked.")));
		this.cases.awaitEnded(caseId);

		ResponseEntity<byte[]> json = export("auditor", caseId, "json");
		assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(AuditExport.sha256Hex(json.getBody()));
		JsonNode document = CaseHttp.json(new String(json.getBody(), StandardCharsets.UTF_8));
		assertThat(document.path("case").path("outcome").asText()).isEqualTo("releasedAndVerified");
		assertThat(document.path("case").path("reviewedBy").asText()).isEqualTo("analyst");
		assertThat(document.path("case").path("approvedBy").asText()).isEqualTo("secadmin");
		assertThat(document.path("case").path("releasedAt").asText()).isNotBlank();
		List<JsonNode> timeline = new ArrayList<>();
		document.path("timeline").forEach(timeline::add);

		List<String> order = timeline.stream()
			.filter((e) -> e.path("kind").asText().equals("step"))
			.map((e) -> e.path("step").asText())
			.filter(List.of("Task_LoadRestriction", "Task_ResetPassword", "Task_GatherEvidence",
					"Task_ReviewRecommendations", "Task_ApproveRelease", "Task_UnblockSender", "Task_CheckRelease",
					"EndEvent_ReleasedAndVerified")::contains)
			.distinct()
			.toList();
		assertThat(order).containsExactly("Task_LoadRestriction", "Task_ResetPassword", "Task_GatherEvidence",
				"Task_ReviewRecommendations", "Task_ApproveRelease", "Task_UnblockSender", "Task_CheckRelease",
				"EndEvent_ReleasedAndVerified");
		assertThat(timeline).anySatisfy((e) -> {
			assertThat(e.path("kind").asText()).isEqualTo("decision");
			assertThat(e.path("actor").asText()).isEqualTo("analyst");
			assertThat(e.path("summary").asText()).contains("reviewDecision: release",
					"Owner confirmed the phishing click.", "accountUnderControl: true");
		});
		assertThat(timeline).anySatisfy((e) -> {
			assertThat(e.path("kind").asText()).isEqualTo("decision");
			assertThat(e.path("actor").asText()).isEqualTo("secadmin");
			assertThat(e.path("summary").asText()).contains("approvalDecision: approve");
		});
		assertThat(timeline).anySatisfy((e) -> {
			assertThat(e.path("kind").asText()).isEqualTo("operation");
			assertThat(e.path("actor").asText()).isEqualTo("analyst");
			assertThat(e.path("summary").asText()).startsWith("Claim");
		});
		// What the tenant's own log says the runbook did, the timeline says too.
		assertThat(this.tenant.calls("resetPassword")).filteredOn((c) -> c.target().equals(userId(mailbox)))
			.hasSize(1);
		assertThat(timeline).filteredOn((e) -> e.path("summary").asText().startsWith("Password reset: reset"))
			.hasSize(1);
		assertThat(this.tenant.calls("Remove-BlockedSenderAddress")).filteredOn((c) -> c.target().equals(mailbox))
			.hasSize(1);
		assertThat(timeline).filteredOn((e) -> e.path("summary").asText().startsWith("Unblock requested at"))
			.hasSize(1);
		assertThat(timeline).anySatisfy((e) -> assertThat(e.path("summary").asText())
			.isEqualTo("Case closed as: releasedAndVerified"));
		String everything = new String(json.getBody(), StandardCharsets.UTF_8);
		assertThat(everything).doesNotContain(this.tenant.receivedPassword(mailbox).orElseThrow());

		ResponseEntity<byte[]> csv = export("auditor", caseId, "csv");
		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		assertThat(csv.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(AuditExport.sha256Hex(csv.getBody()));
		String[] lines = new String(csv.getBody(), StandardCharsets.UTF_8).split("\r\n");
		assertThat(lines[0]).isEqualTo("at,kind,step,actor,summary,stepName");
		assertThat(lines).hasSize(timeline.size() + 1);
		for (int i = 0; i < timeline.size(); i++) {
			assertThat(lines[i + 1]).as("line " + i)
				.startsWith("\"" + timeline.get(i).path("at").asText() + "\",\"" + timeline.get(i).path("kind").asText()
						+ "\"");
		}
		assertThat(String.join("\n", lines)).doesNotContain(",\"=HYPERLINK");

		// History per variable: every change of what the timeline tells, the final value of everything else.
		assertThat(this.historyService.createHistoricDetailQuery().processInstanceId(caseId).variableUpdates().list())
			.extracting((d) -> ((HistoricVariableUpdate) d).getVariableName())
			.contains(CaseVariables.PASSWORD_RESET, CaseVariables.REVIEW_DECISION, CaseVariables.CASE_OUTCOME)
			.allMatch(CaseHistory.TRAIL_VARIABLES::contains);
		assertThat(this.historyService.createHistoricVariableInstanceQuery().processInstanceId(caseId).list())
			.extracting(HistoricVariableInstance::getName)
			.contains(CaseVariables.EVIDENCE, CaseVariables.PASSWORD_RESET, CaseVariables.REVIEW_DECISION);
	}

	@Test
	void anEscalatedCaseShowsTheEscalationAndTheLeadsDecision() {
		String mailbox = restrictedUser();
		this.tenant.neverRelease(mailbox);
		String caseId = open(mailbox);
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");
		this.cases.submit("analyst", review, Map.of("reviewDecision", Map.of("value", "release"), "reviewComment",
				Map.of("value", "ok"), "accountUnderControl", Map.of("value", true), "rulesDealtWith",
				Map.of("value", true), "forwardingDealtWith", Map.of("value", true), "signInsReviewed",
				Map.of("value", true)));
		this.cases.submit("secadmin", this.cases.awaitTask("secadmin", caseId, "Task_ApproveRelease"),
				Map.of("approvalDecision", Map.of("value", "approve"), "approvalComment", Map.of("value", "ok")));
		String escalation = await().atMost(Duration.ofSeconds(40))
			.until(() -> this.cases.taskByBusinessKey("lead", "mailbox:" + mailbox, "Task_ResolveEscalation"),
					(id) -> id != null);
		this.cases.submit("lead", escalation, Map.of("escalationDecision", Map.of("value", "keepRestricted"),
				"escalationNote", Map.of("value", "Microsoft Support ticket 4711.")));
		this.cases.awaitEnded(caseId);

		JsonNode summary = this.cases.get("auditor", "/api/cases/" + caseId);
		assertThat(summary.path("outcome").asText()).isEqualTo("keptRestrictedAfterEscalation");
		assertThat(summary.path("escalations").asInt()).isEqualTo(1);
		JsonNode timeline = CaseHttp.json(new String(export("auditor", caseId, "json").getBody(),
				StandardCharsets.UTF_8)).path("timeline");
		List<String> summaries = new ArrayList<>();
		timeline.forEach((e) -> summaries.add(e.path("kind").asText() + " | " + e.path("actor").asText() + " | "
				+ e.path("summary").asText()));
		assertThat(summaries).anyMatch((s) -> s.startsWith("escalation | runbook | Escalated: Still on the Restricted"));
		assertThat(summaries).anyMatch((s) -> s.startsWith("decision | lead |")
				&& s.contains("escalationDecision: keepRestricted") && s.contains("Microsoft Support ticket 4711."));
		// The case's context shown on the lead's form is not the lead's answer.
		assertThat(summaries).filteredOn((s) -> s.startsWith("decision | lead |"))
			.noneMatch((s) -> s.contains("reviewComment"));
	}

	@Test
	void failedAttemptsAnIncidentAndAnAlreadyReleasedCaseAreInTheirTimelines() {
		String released = "audit.free" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(released, "Free User");
		String freeCase = open(released);
		this.cases.awaitEnded(freeCase);
		assertThat(summaries(freeCase)).contains("opened | runbook | Opened from: api",
				"opened | runbook | Opened by: analyst", "tenant | runbook | On the blocked list when loaded: false",
				"outcome | runbook | Case closed as: alreadyReleased");

		String mailbox = restrictedUser();
		this.tenant.faults().failFor(Duration.ofMinutes(5), 503, SimulatedApi.GRAPH);
		String stuck = open(mailbox);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> summaries(stuck).stream().anyMatch((s) -> s.startsWith("incident |")));
		List<String> timeline = summaries(stuck);
		assertThat(timeline).filteredOn((s) -> s.startsWith("retry | runbook | Attempt failed")).hasSizeGreaterThanOrEqualTo(2);
		assertThat(timeline).anyMatch((s) -> s.startsWith("incident | runbook | Incident:") && s.contains("503")
				&& s.endsWith("still open"));
		assertThat(this.cases.get("auditor", "/api/cases/" + stuck).path("state").asText()).isEqualTo("open");
	}

	@Test
	void theCaseListsIndexFollowsEveryCaseAndIsRepairedFromTheHistory() {
		String released = "audit.free" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(released, "Free User");
		String freeCase = open(released);
		this.cases.awaitEnded(freeCase);
		String byOutcome = "/api/cases?state=closed&outcome=alreadyReleased&entity=" + released;
		assertThat(this.cases.get("auditor", byOutcome).path("cases").get(0).path("id").asText()).isEqualTo(freeCase);
		assertThat(this.cases.get("auditor", "/api/cases?state=open&entity=" + released).path("total").asLong())
			.isZero();

		// A row lost (history from before the index), a row left open, a row whose history the cleanup removed.
		this.jdbc.update("DELETE FROM runbook_case WHERE case_id = ?", freeCase);
		assertThat(this.cases.get("auditor", byOutcome).path("total").asLong()).isZero();
		String openCase = open(restrictedUser());
		this.cases.awaitTask("analyst", openCase, "Task_ReviewRecommendations");
		this.jdbc.update("INSERT INTO runbook_case (case_id, case_type, business_key, opened_at, repeat_case) "
				+ "VALUES ('cleaned-up', 'mailbox', 'mailbox:gone@contoso.onmicrosoft.com', CURRENT_TIMESTAMP, FALSE)");
		this.caseIndex.reconcile();

		JsonNode restored = this.cases.get("auditor", byOutcome);
		assertThat(restored.path("total").asLong()).isOne();
		assertThat(restored.path("cases").get(0).path("id").asText()).isEqualTo(freeCase);
		assertThat(restored.path("cases").get(0).path("outcome").asText()).isEqualTo("alreadyReleased");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM runbook_case WHERE case_id = 'cleaned-up'",
				Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT closed_at FROM runbook_case WHERE case_id = ?",
				java.sql.Timestamp.class, openCase)).isNull();
	}

	private List<String> summaries(String caseId) {
		JsonNode timeline = CaseHttp.json(new String(export("auditor", caseId, "json").getBody(),
				StandardCharsets.UTF_8)).path("timeline");
		List<String> lines = new ArrayList<>();
		timeline.forEach((e) -> lines.add(e.path("kind").asText() + " | " + e.path("actor").asText() + " | "
				+ e.path("summary").asText()));
		return lines;
	}

	@Test
	void theListFiltersAndPagesNewestFirst() {
		String first = restrictedUser();
		String second = restrictedUser();
		String firstCase = open(first);
		String secondCase = open(second);
		JsonNode page = this.cases.get("auditor", "/api/cases?type=mailbox&state=open&size=1");
		assertThat(page.path("size").asInt()).isEqualTo(1);
		assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(page.path("cases")).hasSize(1);
		JsonNode mine = this.cases.get("auditor", "/api/cases?entity=" + second);
		assertThat(mine.path("cases")).hasSize(1);
		assertThat(mine.path("cases").get(0).path("id").asText()).isEqualTo(secondCase);
		assertThat(mine.path("cases").get(0).path("entity").asText()).isEqualTo(second);
		assertThat(this.cases.get("auditor", "/api/cases?entity=" + first + "&state=closed").path("cases")).isEmpty();
		assertThat(this.cases.get("auditor", "/api/cases?entity=" + first + "&outcome=releasedAndVerified")
			.path("cases")).isEmpty();
		assertThat(this.cases.get("auditor", "/api/cases?entity=" + first).path("cases").get(0).path("id").asText())
			.isEqualTo(firstCase);
		// By person: the analyst opened it; the lead had no part in it.
		assertThat(this.cases.get("auditor", "/api/cases?person=analyst&entity=" + first).path("total").asLong())
			.isEqualTo(1);
		assertThat(this.cases.get("auditor", "/api/cases?person=lead&entity=" + first).path("total").asLong()).isZero();
		for (String bad : List.of("state=sleeping", "type=printer", "from=yesterday", "outcome=fine", "repeat=maybe",
				"size=100000", "page=-1", "person=" + "x".repeat(200))) {
			ResponseEntity<String> refused = this.http.withBasicAuth("auditor", "auditor")
				.getForEntity("/api/cases?" + bad, String.class);
			assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getBody()).as(bad).contains("\"field\":\"" + bad.substring(0, bad.indexOf('=')) + "\"");
		}
	}

	@Test
	void onlyTheRunbooksGroupsReadCases() {
		String caseId = open(restrictedUser());
		for (String path : List.of("/api/cases", "/api/cases/" + caseId, "/api/cases/" + caseId + "/audit")) {
			assertThat(this.http.getForEntity(path, String.class).getStatusCode()).as("anonymous " + path)
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		if (this.identityService.createUserQuery().userId("outsider").count() == 0) {
			User outsider = this.identityService.newUser("outsider");
			outsider.setPassword("outsider");
			this.identityService.saveUser(outsider);
		}
		for (String path : List.of("/api/cases", "/api/cases/" + caseId, "/api/cases/" + caseId + "/audit")) {
			assertThat(this.http.withBasicAuth("outsider", "outsider").getForEntity(path, String.class).getStatusCode())
				.as("no group " + path)
				.isEqualTo(HttpStatus.FORBIDDEN);
		}
		for (String reader : List.of("analyst", "secadmin", "lead", "auditor", "admin")) {
			assertThat(this.http.withBasicAuth(reader, reader).getForEntity("/api/cases/" + caseId, String.class)
				.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
		}
		assertThat(this.http.withBasicAuth("auditor", "auditor").getForEntity("/api/cases/not-a-case", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	private ResponseEntity<byte[]> export(String user, String caseId, String format) {
		return this.http.withBasicAuth(user, user)
			.getForEntity("/api/cases/" + caseId + "/audit?format=" + format, byte[].class);
	}

	private String open(String mailbox) {
		ResponseEntity<String> opened = this.cases.post("analyst", "/api/cases", Map.of("type", "mailbox", "address",
				mailbox));
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return CaseHttp.json(opened.getBody()).path("id").asText();
	}

	private String restrictedUser() {
		String mailbox = "audit.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Audit User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=900;");
		return mailbox;
	}

	private String userId(String mailbox) {
		return this.tenant.userState(mailbox).id();
	}

}
