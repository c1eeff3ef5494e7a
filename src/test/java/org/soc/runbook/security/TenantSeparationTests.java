package org.soc.runbook.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.Decisions;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.WebappSession;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenants;
import org.soc.runbook.simulator.SimulatorCall;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One deployment serving two customers, as a managed security provider runs it: Contoso and Fabrikam, each with its
 * own credential (Fabrikam's app registration has a client id and secret of its own) and its own throttle budget.
 * A case runs in each at once, each against its own tenant only. Then Contoso's analyst attacks Fabrikam's case
 * through every surface a signed-in person reaches (the engine's REST API, the webapps' REST API that Tasklist uses,
 * the runbook's API, the audit export, the helpdesk's API) and can neither read, claim, complete, export nor open
 * anything there; the provider's lead and auditor see both.
 */
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "runbook.tenants.contoso.name=Contoso", "runbook.tenants.contoso.tenant-id=contoso.onmicrosoft.com",
				"runbook.tenants.contoso.users=analyst,secadmin,helpdesk",
				"runbook.tenants.fabrikam.name=Fabrikam",
				"runbook.tenants.fabrikam.tenant-id=fabrikam.onmicrosoft.com",
				"runbook.tenants.fabrikam.client-id=8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
				"runbook.tenants.fabrikam.client-secret=Fabrikam~own-secret-for-its-consent",
				"runbook.tenants.fabrikam.mfa-strategy=per-user",
				"runbook.tenants.fabrikam.users=analyst2,secadmin,helpdesk" })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class TenantSeparationTests {

	private static final String CONTOSO_USER = "tenant.sep@contoso.onmicrosoft.com";

	private static final String FABRIKAM_USER = "tenant.sep@fabrikam.onmicrosoft.com";

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenants simulated;

	@Autowired
	HistoryService history;

	@Autowired
	TaskService tasks;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	CaseHttp cases;

	@BeforeEach
	void client() {
		this.cases = new CaseHttp(this.http);
	}

	@AfterEach
	void resetSimulators() {
		this.simulated.all().forEach(SimulatedTenant::resetControls);
	}

	private SimulatedTenant contoso() {
		return this.simulated.byTenantId("contoso.onmicrosoft.com");
	}

	private SimulatedTenant fabrikam() {
		return this.simulated.byTenantId("fabrikam.onmicrosoft.com");
	}

	@Test
	void aCaseInEachTenantRunsAtOnceWithItsOwnCredentialAndThrottleAndLandsInItsOwnCamundaTenant() {
		contoso().addUser(CONTOSO_USER, "Contoso Separation");
		contoso().restrictSender(CONTOSO_USER, "OutboundSpamPercent=90;");
		fabrikam().addUser(FABRIKAM_USER, "Fabrikam Separation");
		fabrikam().setPhones(FABRIKAM_USER, "+1 404 555 0123", List.of());
		fabrikam().restrictSender(FABRIKAM_USER, "OutboundSpamPercent=95;");
		// Fabrikam is in a wave: Microsoft throttles its calls for a while. Contoso's budget is its own.
		fabrikam().faults().throttleFor(Duration.ofSeconds(3), Duration.ofSeconds(1), SimulatedApi.GRAPH);

		String contosoCase = opened("analyst", Map.of("type", "mailbox", "address", CONTOSO_USER));
		String fabrikamCase = opened("analyst2", Map.of("type", "mailbox", "address", FABRIKAM_USER));

		HistoricProcessInstance contosoInstance = instance(contosoCase);
		HistoricProcessInstance fabrikamInstance = instance(fabrikamCase);
		assertThat(contosoInstance.getTenantId()).isEqualTo("contoso");
		assertThat(fabrikamInstance.getTenantId()).isEqualTo("fabrikam");
		assertThat(contosoInstance.getBusinessKey()).isEqualTo("contoso/mailbox:" + CONTOSO_USER);
		assertThat(fabrikamInstance.getBusinessKey()).isEqualTo("fabrikam/mailbox:" + FABRIKAM_USER);

		String contosoReview = this.cases.awaitTask("analyst", contosoCase, "Task_ReviewRecommendations");
		String fabrikamReview = this.cases.awaitTask("analyst2", fabrikamCase, "Task_ReviewRecommendations");
		assertThat(this.tasks.createTaskQuery().taskId(contosoReview).singleResult().getTenantId()).isEqualTo("contoso");
		assertThat(this.tasks.createTaskQuery().taskId(fabrikamReview).singleResult().getTenantId())
			.isEqualTo("fabrikam");

		// Each tenant's own user was contained in its own tenant, and each tenant saw only its own case's calls.
		assertThat(contoso().userState(CONTOSO_USER).passwordResets()).isEqualTo(1);
		assertThat(fabrikam().userState(FABRIKAM_USER).passwordResets()).isEqualTo(1);
		assertThat(targets(contoso())).allSatisfy((target) -> assertThat(target).doesNotContain("fabrikam"));
		assertThat(targets(fabrikam())).allSatisfy((target) -> assertThat(target).doesNotContain("contoso"));
		// Fabrikam's MFA is per-user, Contoso's by the deployment's group.
		assertThat(fabrikam().calls("setPerUserMfaState")).isNotEmpty();
		assertThat(contoso().calls("setPerUserMfaState")).isEmpty();
		// Fabrikam's tokens were issued to Fabrikam's own app registration (the calls of this class's cases).
		assertThat(fabrikam().calls("token")).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.parameters().get("client_id"))
				.isEqualTo("8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"));
		// Fabrikam was throttled; Contoso's calls were never held back for it.
		assertThat(fabrikam().calls().stream().filter((call) -> call.status() == 429)).isNotEmpty();
		assertThat(contoso().calls().stream().filter((call) -> call.status() == 429)).isEmpty();
		assertThat(this.meters.find("runbook.tenant.held").tag("tenant", "contoso").counters())
			.allSatisfy((held) -> assertThat(held.count()).isZero());
		assertThat(this.meters.find("runbook.tenant.calls").tag("tenant", "fabrikam").timers()).isNotEmpty();

		// Fabrikam's case to its end, by those who serve Fabrikam: its verification runs in Fabrikam's tenant too, and
		// the unblock and the helpdesk's pass go to Fabrikam's tenant.
		assertThat(this.cases.post("analyst2", "/engine-rest/task/" + fabrikamReview + "/claim",
				Map.of("userId", "analyst2")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.cases.submit("analyst2", fabrikamReview, Decisions.releaseMailboxOverRest()).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		String approval = this.cases.awaitTask("secadmin", fabrikamCase, "Task_ApproveRelease");
		assertThat(this.cases.post("secadmin", "/engine-rest/task/" + approval + "/claim", Map.of("userId", "secadmin"))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.cases.submit("secadmin", approval, Decisions.approveOverRest()).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		this.cases.awaitEnded(fabrikamCase);
		assertThat(this.history.createHistoricProcessInstanceQuery().superProcessInstanceId(fabrikamCase).list())
			.isNotEmpty()
			.allSatisfy((verification) -> assertThat(verification.getTenantId()).isEqualTo("fabrikam"));
		assertThat(fabrikam().isSenderBlocked(FABRIKAM_USER)).isFalse();
		assertThat(contoso().isSenderBlocked(CONTOSO_USER)).isTrue();
		assertThat(fabrikam().temporaryAccessPasses(FABRIKAM_USER)).hasSize(1);
	}

	@Test
	void anAnalystOfOneTenantCanNeitherReadClaimCompleteExportNorOpenAnotherTenantsCase(CapturedOutput output)
			throws Exception {
		String user = "sep.attack@fabrikam.onmicrosoft.com";
		fabrikam().addUser(user, "Fabrikam Target");
		fabrikam().restrictSender(user, "OutboundSpamPercent=99;");
		String target = opened("analyst2", Map.of("type", "mailbox", "address", user));
		String review = this.cases.awaitTask("analyst2", target, "Task_ReviewRecommendations");

		// Camunda's own REST API.
		assertThat(this.cases.get("analyst", "/engine-rest/task?processInstanceId=" + target)).isEmpty();
		assertThat(this.cases.get("analyst", "/engine-rest/process-instance?businessKey=fabrikam/mailbox:" + user))
			.isEmpty();
		assertThat(get("analyst", "/engine-rest/task/" + review).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("analyst", "/engine-rest/process-instance/" + target + "/variables").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("analyst", "/engine-rest/history/process-instance/" + target).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.cases.get("analyst", "/engine-rest/history/variable-instance?processInstanceId=" + target))
			.isEmpty();
		assertThat(this.cases.post("analyst", "/engine-rest/task/" + review + "/claim", Map.of("userId", "analyst"))
			.getStatusCode().is2xxSuccessful()).isFalse();
		assertThat(this.cases.submit("analyst", review, Decisions.releaseMailboxOverRest()).getStatusCode()
			.is2xxSuccessful()).isFalse();

		// Tasklist's queues: a queue per customer the person serves, none named after another customer, and "All my
		// customers" listing only their own customers' tasks.
		JsonNode queues = this.cases.get("analyst", "/engine-rest/filter?resourceType=Task");
		List<String> names = new ArrayList<>();
		queues.forEach((queue) -> names.add(queue.path("name").asText()));
		assertThat(names).contains("Contoso", "All my customers").doesNotContain("Fabrikam");
		String mine = null;
		for (JsonNode queue : queues) {
			if (queue.path("name").asText().equals("All my customers")) {
				mine = queue.path("id").asText();
			}
		}
		JsonNode listed = CaseHttp.json(this.cases.post("analyst", "/engine-rest/filter/" + mine + "/list?maxResults=500",
				Map.of()).getBody());
		listed.forEach((task) -> assertThat(task.path("tenantId").asText()).isEqualTo("contoso"));
		assertThat(this.cases.get("analyst2", "/engine-rest/filter?resourceType=Task").findValuesAsText("name"))
			.contains("Fabrikam").doesNotContain("Contoso");

		// The webapps' REST API, as Tasklist and Cockpit call it.
		WebappSession tasklist = WebappSession.signIn("http://localhost:" + this.port, "analyst", "analyst");
		assertThat(CaseHttp.json(tasklist.get("task?processInstanceId=" + target).body())).isEmpty();
		assertThat(tasklist.get("task/" + review).statusCode()).isEqualTo(404);
		assertThat(tasklist.post("task/" + review + "/claim", Map.of("userId", "analyst")).statusCode())
			.isNotEqualTo(204);
		assertThat(tasklist.post("task/" + review + "/submit-form",
				Map.of("variables", Decisions.releaseMailboxOverRest())).statusCode()).isNotEqualTo(204);

		// The runbook's API and the audit page's export.
		JsonNode list = this.cases.get("analyst", "/api/cases?entity=sep.attack");
		assertThat(list.path("cases")).isEmpty();
		assertThat(list.path("total").asLong()).isZero();
		assertThat(get("analyst", "/api/cases/" + target).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("analyst", "/api/cases/" + target + "/audit?format=csv").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("analyst", "/api/cases/" + target + "/diagram").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<String> intoFabrikam = this.cases.post("analyst", "/api/cases",
				Map.of("tenant", "fabrikam", "type", "mailbox", "address", "another@fabrikam.onmicrosoft.com"));
		assertThat(intoFabrikam.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(intoFabrikam.getBody()).contains("no tenant 'fabrikam' that you serve").contains("contoso")
			.doesNotContain("\"fabrikam\"");

		// Each refusal is one WARN line that names who asked and what, and no stack trace.
		assertThat(output.getOut()).contains("Refused for analyst: ENGINE-13034 Cannot read the task '" + review + "'")
			.doesNotContain("ENGINE-16004");

		// Nothing of it changed: the review is still unclaimed and open, for Fabrikam's analyst.
		Task still = this.tasks.createTaskQuery().taskId(review).singleResult();
		assertThat(still).isNotNull();
		assertThat(still.getAssignee()).isNull();

		// The provider's lead and auditor serve every tenant; Fabrikam's analyst sees the case.
		assertThat(this.cases.get("lead", "/engine-rest/history/process-instance/" + target).path("tenantId").asText())
			.isEqualTo("fabrikam");
		assertThat(get("auditor", "/api/cases/" + target + "/audit").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.cases.get("auditor", "/api/cases?tenant=fabrikam&entity=sep.attack").path("total").asLong())
			.isEqualTo(1);
		assertThat(this.cases.get("analyst2", "/api/cases?entity=sep.attack").path("total").asLong()).isEqualTo(1);
	}

	private String opened(String user, Map<String, Object> body) {
		ResponseEntity<String> response = this.cases.post(user, "/api/cases", body);
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
		return CaseHttp.json(response.getBody()).path("id").asText();
	}

	private ResponseEntity<String> get(String user, String path) {
		return this.http.withBasicAuth(user, user).getForEntity(path, String.class);
	}

	private HistoricProcessInstance instance(String id) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult(),
					(found) -> found != null);
	}

	private static List<String> targets(SimulatedTenant tenant) {
		return tenant.calls().stream().map(SimulatorCall::target).filter((target) -> target != null).toList();
	}

}
