package org.soc.runbook.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.TasklistFormView;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenant.InboundConnectorSpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector runbook as it runs for real: a SIEM pushes the detection to the intake, an analyst reviews and opens
 * a case for the admin account through Camunda's REST API, a security administrator approves, and the job executor
 * unblocks and verifies against the simulated tenant over HTTP.
 */
@RunbookIntegrationTest
class ConnectorRunbookApplicationTests {

	private static final AtomicInteger CONNECTORS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	CaseHttp cases;

	@BeforeEach
	void client() {
		this.cases = new CaseHttp(this.http);
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void aPushedDetectionRunsToReleasedAndVerifiedAndOpensACaseForTheAdmin() {
		String admin = "connector.admin" + CONNECTORS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(admin, "Connector Admin");
		String name = "App relay " + CONNECTORS.incrementAndGet();
		Instant changed = Instant.now().minus(Duration.ofHours(5));
		UUID connector = this.tenant.addInboundConnector(new InboundConnectorSpec(name, "OnPremises", List.of(),
				List.of("*"), null, false, false, changed.minus(Duration.ofDays(90)), changed, null));
		this.tenant.recordConnectorChange(changed, admin, "Set-InboundConnector", name);
		this.tenant.restrictConnector(connector, "Connector has been detected to be potentially compromised.");
		this.tenant.releaseDelay(Duration.ofSeconds(2));

		String detection = "{\"type\":\"connector\",\"connectorId\":\"" + connector + "\",\"source\":\"sentinel\"}";
		ResponseEntity<String> pushed = intake(detection);
		assertThat(pushed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String caseId = CaseHttp.json(pushed.getBody()).path("id").asText();
		assertThat(intake(detection).getStatusCode()).as("the same detection again").isEqualTo(HttpStatus.OK);

		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewConnector");
		JsonNode form = this.cases.get("analyst", TasklistFormView.formVariables(review));
		assertThat(form.path("adminAccount").path("value").asText()).isEqualTo(admin);
		Map<String, String> evidence = TasklistFormView.evidenceShown("review-restricted-connector", form);
		assertThat(evidence.get(EvidenceSummary.formKey(EvidenceSummary.FLAGS))).contains("Accepts any sender domain");
		assertThat(evidence).containsOnlyKeys(Stream.of(EvidenceSummary.HISTORY, EvidenceSummary.CONFIGURATION,
				EvidenceSummary.FLAGS, EvidenceSummary.CHANGES, EvidenceSummary.ADMIN_SIGN_INS)
			.map(EvidenceSummary::formKey)
			.toList());
		assertThat(this.cases.submit("analyst", review, Map.of("reviewDecision", Map.of("value", "release"),
				"reviewComment", Map.of("value", "Relay restricted to our printers' IPs again."),
				"connectorSettingsReviewed", Map.of("value", true), "unauthorizedChangesReverted",
				Map.of("value", true), "sendersConfirmed", Map.of("value", true), "adminAccountInvestigated",
				Map.of("value", true), "investigateAdmin", Map.of("value", true), "adminAccount",
				Map.of("value", admin)))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		String approval = this.cases.awaitTask("secadmin", caseId, "Task_ApproveConnectorRelease");
		assertThat(TasklistFormView.evidenceShown("approve-connector-release",
				this.cases.get("secadmin", TasklistFormView.formVariables(approval))))
			.as("the approver reads the evidence the reviewer read")
			.isEqualTo(evidence);
		assertThat(this.cases.submit("secadmin", approval, Map.of("approvalDecision", Map.of("value", "approve"),
				"approvalComment", Map.of("value", "Change reverted, admin under investigation.")))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		this.cases.awaitEnded(caseId);
		assertThat(this.cases.endEvent(caseId)).isEqualTo("EndEvent_ReleasedAndVerified");
		assertThat(this.tenant.calls("Remove-BlockedConnector")).filteredOn((c) -> c.target().equals(connector.toString()))
			.hasSize(1);
		assertThat(this.tenant.isConnectorBlocked(connector)).isFalse();
		// The auditors' list knows it as a closed connector case, and the admin's case as a mailbox case.
		JsonNode listed = this.cases.get("auditor", "/api/cases?type=connector&state=closed&entity=" + connector);
		assertThat(listed.path("cases").get(0).path("id").asText()).isEqualTo(caseId);
		assertThat(this.cases.get("auditor", "/api/cases?type=mailbox&entity=" + admin).path("total").asLong())
			.isOne();
		// The admin's mailbox case runs on its own, waiting for an analyst.
		assertThat(this.cases.awaitTaskByBusinessKey("analyst", "mailbox:" + admin, "Task_ReviewRecommendations"))
			.isNotNull();
	}

	@Test
	void aDryRunPushedByTheIntakeLeavesTheConnectorBlockedAndTheAdminCaseDryToo() {
		String admin = "dry.admin" + CONNECTORS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(admin, "Dry Admin");
		String name = "Dry relay " + CONNECTORS.incrementAndGet();
		Instant changed = Instant.now().minus(Duration.ofHours(2));
		UUID connector = this.tenant.addInboundConnector(new InboundConnectorSpec(name, "OnPremises", List.of(),
				List.of("*"), null, false, false, changed.minus(Duration.ofDays(30)), changed, null));
		this.tenant.restrictConnector(connector, "Connector has been detected to be potentially compromised.");
		ResponseEntity<String> pushed = intake("{\"type\":\"connector\",\"connectorId\":\"" + connector
				+ "\",\"source\":\"rehearsal\",\"dryRun\":true}");
		assertThat(pushed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String caseId = CaseHttp.json(pushed.getBody()).path("id").asText();
		assertThat(intake("{\"type\":\"mailbox\",\"address\":\"" + admin + "\",\"dryRun\":\"yes\"}")
			.getBody()).contains("\"field\":\"dryRun\"");

		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewConnector");
		this.cases.submit("analyst", review, Map.of("reviewDecision", Map.of("value", "release"), "reviewComment",
				Map.of("value", "Rehearsal."), "connectorSettingsReviewed", Map.of("value", true),
				"unauthorizedChangesReverted", Map.of("value", true), "sendersConfirmed", Map.of("value", true),
				"adminAccountInvestigated", Map.of("value", true), "investigateAdmin", Map.of("value", true),
				"adminAccount", Map.of("value", admin)));
		this.cases.submit("secadmin", this.cases.awaitTask("secadmin", caseId, "Task_ApproveConnectorRelease"),
				Map.of("approvalDecision", Map.of("value", "approve"), "approvalComment", Map.of("value", "Ok.")));
		this.cases.awaitEnded(caseId);

		assertThat(this.cases.endEvent(caseId)).isEqualTo("EndEvent_DryRunComplete");
		assertThat(this.tenant.calls("Remove-BlockedConnector")).noneMatch((c) -> c.target().equals(connector.toString()));
		assertThat(this.tenant.isConnectorBlocked(connector)).isTrue();
		String adminCase = this.cases.awaitTaskByBusinessKey("analyst", "mailbox:" + admin, "Task_ReviewRecommendations");
		assertThat(adminCase).isNotNull();
		assertThat(this.cases.get("analyst", "/engine-rest/task/" + adminCase + "/form-variables").path("runMode")
			.path("value")
			.asText()).startsWith("DRY RUN");
		assertThat(this.tenant.userState(admin).passwordResets()).isZero();
	}

	private ResponseEntity<String> intake(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setBearerAuth("test-intake-secret");
		return this.http.postForEntity("/api/restrictions", new HttpEntity<>(body, headers), String.class);
	}

}
