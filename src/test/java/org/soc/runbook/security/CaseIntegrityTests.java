package org.soc.runbook.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.Decisions;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.WebappSession;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks a signed-in insider tried with nothing but the demo logins and an HTTP client, each through Camunda's
 * REST API, the webapps' own REST API (what Tasklist and Cockpit send) and the project's API: none may rewrite a
 * case's facts, answer a task with fields its form does not have, take the reviewer's place as approver, start or move
 * a case, or free another case's entity. Every refusal is a 4xx with a sentence, one WARN line and an entry on the
 * case's timeline; nothing is changed.
 */
@RunbookIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CaseIntegrityTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	IdentityService identityService;

	@Autowired
	AuthorizationService authorizationService;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	JdbcTemplate jdbc;

	CaseHttp cases;

	String mailbox;

	String caseId;

	String review;

	@BeforeEach
	void aCaseWaitingForReview() {
		this.cases = new CaseHttp(this.http);
		this.mailbox = "integrity.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(this.mailbox, "Integrity User");
		this.tenant.restrictSender(this.mailbox, "EmailSendingLimitExceeded;");
		this.caseId = CaseHttp.json(this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", this.mailbox)).getBody()).path("id").asText();
		this.review = this.cases.awaitTask("analyst", this.caseId, "Task_ReviewRecommendations");
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void aTaskTakesOnlyTheFieldsItsFormAsksThroughCamundasRestApi(CapturedOutput output) {
		this.cases.post("analyst", "/engine-rest/task/" + this.review + "/claim", Map.of("userId", "analyst"));
		Map<String, Object> forged = new HashMap<>(Decisions.releaseMailboxOverRest());
		forged.put("entityId", Map.of("value", "ceo@contoso.onmicrosoft.com"));
		ResponseEntity<String> submitted = this.cases.submit("analyst", this.review, forged);
		assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(submitted.getBody())).contains("has no field 'entityId'", "Nothing was changed");
		forged.remove("entityId");
		forged.put("reasonSummary", Map.of("value", "nothing to see"));
		ResponseEntity<String> completed = this.cases.post("analyst", "/engine-rest/task/" + this.review + "/complete",
				Map.of("variables", forged));
		assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(completed.getBody())).contains("'reasonSummary'");

		// Writing or deleting the case's facts on the task: the runbook says no before Camunda is asked ...
		ResponseEntity<String> put = exchange("analyst", HttpMethod.PUT,
				"/engine-rest/task/" + this.review + "/variables/entityId", Map.of("value", "ceo@contoso.onmicrosoft.com"));
		assertThat(put.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(put.getBody())).contains("'entityId'");
		assertThat(exchange("analyst", HttpMethod.DELETE, "/engine-rest/task/" + this.review + "/variables/evidence",
				null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		// ... and Camunda's authorization lets the analyst work the task, not rewrite even its own fields outside a
		// completion (Tasklist's "Save" keeps a draft in the browser) ...
		assertThat(exchange("analyst", HttpMethod.PUT, "/engine-rest/task/" + this.review + "/variables/reviewComment",
				Map.of("value", "draft")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		// ... and the runbook says no to the administrator, whom Camunda's authorizations allow everything: not a
		// candidate of the task.
		ResponseEntity<String> adminPut = exchange("admin", HttpMethod.PUT,
				"/engine-rest/task/" + this.review + "/variables/entityId", Map.of("value", "ceo@contoso.onmicrosoft.com"));
		assertThat(adminPut.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(adminPut.getBody())).contains("'admin' is not one of them");
		assertThat(exchange("admin", HttpMethod.DELETE, "/engine-rest/task/" + this.review + "/variables/evidence",
				null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(exchange("admin", HttpMethod.POST, "/engine-rest/task/" + this.review + "/variables",
				Map.of("modifications", Map.of("reasonSummary", Map.of("value", "x")))).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);

		assertThat(this.runtimeService.getVariable(this.caseId, "entityId")).isEqualTo(this.mailbox);
		assertThat(this.runtimeService.getVariable(this.caseId, "evidence")).isNotNull();
		assertThat(this.runtimeService.getVariable(this.caseId, "reasonSummary")).asString()
			.doesNotContain("nothing to see");
		assertThat(this.cases.awaitTask("analyst", this.caseId, "Task_ReviewRecommendations")).isEqualTo(this.review);
		assertThat(output).contains("Refused for analyst on mailbox:" + this.mailbox
				+ " at Task_ReviewRecommendations: submit the task's form")
			.contains("Refused for admin on mailbox:" + this.mailbox)
			.doesNotContain("ENGINE-03051")
			.doesNotContain("ENGINE-16004");
	}

	@Test
	void aMisconfiguredAuthorizationDoesNotOpenTheCasesFacts() {
		Authorization tooMuch = this.authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
		tooMuch.setGroupId("soc-analysts");
		tooMuch.setResource(Resources.TASK);
		tooMuch.setResourceId(Authorization.ANY);
		tooMuch.addPermission(Permissions.ALL);
		tooMuch = this.authorizationService.saveAuthorization(tooMuch);
		try {
			ResponseEntity<String> put = exchange("analyst", HttpMethod.PUT,
					"/engine-rest/task/" + this.review + "/variables/reviewedBy", Map.of("value", "secadmin"));
			assertThat(put.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(message(put.getBody())).contains("'reviewedBy'");
			assertThat(exchange("analyst", HttpMethod.POST, "/engine-rest/task/" + this.review + "/variables",
					Map.of("deletions", List.of("evidence"))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		}
		finally {
			this.authorizationService.deleteAuthorization(tooMuch.getId());
		}
		assertThat(this.runtimeService.getVariable(this.caseId, "evidence")).isNotNull();
		assertThat(this.runtimeService.getVariable(this.caseId, "reviewedBy")).isNull();
	}

	@Test
	void aPersonInBothGroupsCannotApproveTheirOwnReviewWhateverTheySendAndWherever(CapturedOutput output) {
		String both = bothGroups();
		assertThat(this.cases.post(both, "/engine-rest/task/" + this.review + "/claim", Map.of("userId", both))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.cases.submit(both, this.review, Decisions.releaseMailboxOverRest()).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.runtimeService.getVariable(this.caseId, "reviewedBy")).isEqualTo(both);
		String approval = this.cases.awaitTask("secadmin", this.caseId, "Task_ApproveRelease");

		Map<String, Object> asSomeoneElse = new HashMap<>(Decisions.approveOverRest());
		asSomeoneElse.put("reviewedBy", Map.of("value", "secadmin"));
		ResponseEntity<String> forged = this.cases.submit(both, approval, asSomeoneElse);
		assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(forged.getBody())).contains("'reviewedBy'");
		ResponseEntity<String> claim = this.cases.post(both, "/engine-rest/task/" + approval + "/claim",
				Map.of("userId", both));
		assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(claim.getBody())).isEqualTo(
				"'" + both + "' reviewed this case and cannot also approve it: another security administrator must.");
		ResponseEntity<String> own = this.cases.submit(both, approval, Decisions.approveOverRest());
		assertThat(own.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(own.getBody())).contains("cannot also approve");

		// Tasklist's own REST API answers the same sentence, not the engine's wrapped failure.
		WebappSession tasklist = WebappSession.signIn("http://localhost:" + this.port, both, both);
		HttpResponse<String> fromTasklist = tasklist.post("task/" + approval + "/submit-form",
				Map.of("variables", Decisions.approveOverRest()));
		assertThat(fromTasklist.statusCode()).isEqualTo(400);
		assertThat(message(fromTasklist.body())).contains("cannot also approve").doesNotContain("ENGINE-");
		HttpResponse<String> forgedFromTasklist = tasklist.post("task/" + approval + "/submit-form",
				Map.of("variables", asSomeoneElse));
		assertThat(forgedFromTasklist.statusCode()).isEqualTo(400);
		assertThat(message(forgedFromTasklist.body())).contains("'reviewedBy'");

		assertThat(this.runtimeService.getVariable(this.caseId, "reviewedBy")).isEqualTo(both);
		assertThat(this.runtimeService.getVariable(this.caseId, "approvedBy")).isNull();
		assertThat(output).doesNotContain("ENGINE-03051").doesNotContain("ENGINE-16004");

		// The timeline tells each refused attempt: who, what, why.
		JsonNode timeline = this.cases.get("auditor", "/api/cases/" + this.caseId + "/audit?format=json");
		List<String> refused = new java.util.ArrayList<>();
		timeline.path("timeline").forEach((entry) -> {
			if ("refused".equals(entry.path("kind").asText())) {
				assertThat(entry.path("actor").asText()).isEqualTo(both);
				assertThat(entry.path("step").asText()).isEqualTo("Task_ApproveRelease");
				refused.add(entry.path("summary").asText());
			}
		});
		assertThat(refused).hasSize(5)
			.anySatisfy((summary) -> assertThat(summary).startsWith("Refused: claim the task.").contains("cannot also"))
			.anySatisfy((summary) -> assertThat(summary).contains("'reviewedBy'"));
	}

	@Test
	void onlyATasksCandidatesWorkItEvenWhereCamundaWouldLetAnAdministrator() {
		assertThat(this.cases.submit("analyst", this.review, Decisions.releaseMailboxOverRest()).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		String approval = this.cases.awaitTask("secadmin", this.caseId, "Task_ApproveRelease");
		// The administrator holds every permission, but is no security administrator ...
		ResponseEntity<String> byAdmin = this.cases.submit("admin", approval, Decisions.approveOverRest());
		assertThat(byAdmin.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(byAdmin.getBody()))
			.isEqualTo("Only the task's candidates (security-admins) work it; 'admin' is not one of them. "
					+ "Nothing was changed.");
		assertThat(this.cases.post("admin", "/engine-rest/task/" + approval + "/claim", Map.of("userId", "admin"))
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		// ... and handing the approval to an analyst (Camunda lets the administrator assign) does not make them one.
		assertThat(this.cases.post("admin", "/engine-rest/task/" + approval + "/assignee",
				Map.of("userId", "auditor")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<String> byAssignee = this.cases.submit("auditor", approval, Decisions.approveOverRest());
		assertThat(byAssignee.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(byAssignee.getBody())).contains("'auditor' is not one of them");
		assertThat(this.runtimeService.getVariable(this.caseId, "approvedBy")).isNull();
		// The model is the application's own: nobody deploys another by hand, administrators included.
		LinkedMultiValueMap<String, Object> model = new LinkedMultiValueMap<>();
		model.add("deployment-name", "by-hand");
		model.add("data", new ByteArrayResource("<definitions/>".getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "by-hand.bpmn";
			}
		});
		HttpHeaders multipart = new HttpHeaders();
		multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
		ResponseEntity<String> deployment = this.http.withBasicAuth("admin", "admin")
			.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(model, multipart), String.class);
		assertThat(deployment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(deployment.getBody())).startsWith("The runbook's models and forms are deployed by the "
				+ "application itself");
	}

	@Test
	void peopleDoNotStartTheRunbooksProcessesNorFreeAnotherCasesEntity() {
		ResponseEntity<String> lead = this.cases.post("lead",
				"/engine-rest/process-definition/key/verify-release/start",
				Map.of("businessKey", "connector:5a1d3c2e-7b9f-4e61-a0c4-2f8e9d3b6a71", "variables",
						Map.of("escalationReason", Map.of("value", "Still blocked"), "entityType",
								Map.of("value", "connector"))));
		assertThat(lead.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(lead.getBody())).startsWith("Cases are opened only by the runbook");
		// Camunda's authorizations would refuse it too: no working group may start any process.
		for (String group : List.of("soc-analysts", "soc-leads", "security-admins", "auditors")) {
			for (String process : List.of("verify-release", "restricted-user-remediation",
					"restricted-connector-remediation", "restriction-detection")) {
				assertThat(this.authorizationService.isUserAuthorized("nobody", List.of(group),
						Permissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, process))
					.as(group + " starts " + process)
					.isFalse();
			}
		}
		long verifications = this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey("verify-release")
			.count();
		ResponseEntity<String> admin = this.cases.post("admin",
				"/engine-rest/process-definition/key/verify-release/start",
				Map.of("variables", Map.of("escalationReason", Map.of("value", "Still blocked"))));
		assertThat(admin.getStatusCode()).as("the administrator may do anything Camunda allows, not this")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(admin.getBody())).startsWith("Cases are opened only by the runbook");
		ResponseEntity<String> second = this.cases.post("admin",
				"/engine-rest/process-definition/key/restricted-user-remediation/start",
				Map.of("businessKey", "mailbox:" + this.mailbox));
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<String> startForm = this.cases.post("analyst",
				"/engine-rest/process-definition/key/restricted-user-remediation/submit-form",
				Map.of("businessKey", "mailbox:" + this.mailbox));
		assertThat(startForm.getStatusCode().is4xxClientError()).isTrue();

		assertThat(this.runtimeService.createProcessInstanceQuery().processDefinitionKey("verify-release").count())
			.as("no verification started by a person").isEqualTo(verifications);
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:" + this.mailbox)
			.count()).isEqualTo(1);
		// The runbook's own door still opens, and keeps the one case.
		ResponseEntity<String> again = this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", this.mailbox));
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(CaseHttp.json(again.getBody()).path("id").asText()).isEqualTo(this.caseId);
		assertThat(this.jdbc.queryForObject(
				"SELECT process_instance_id FROM runbook_open_case WHERE entity_key = ?", String.class,
				"mailbox:" + this.mailbox)).isEqualTo(this.caseId);
	}

	@Test
	void anInstanceThatDoesNotHoldTheEntityCannotFreeIt() {
		// No person can start one any more; code on the server still could, and it must not free the open case's
		// entity when it ends.
		String stray = this.runtimeService.createProcessInstanceByKey("restricted-user-remediation")
			.businessKey("mailbox:" + this.mailbox)
			.setVariable("dryRun", true)
			.startBeforeActivity("EndEvent_AlreadyReleased")
			.execute()
			.getId();
		assertThat(this.runtimeService.createProcessInstanceQuery().processInstanceId(stray).count()).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT process_instance_id FROM runbook_open_case WHERE entity_key = ?", String.class,
				"mailbox:" + this.mailbox)).isEqualTo(this.caseId);
		ResponseEntity<String> again = this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", this.mailbox));
		assertThat(CaseHttp.json(again.getBody()).path("status").asText()).isEqualTo("alreadyOpen");
	}

	@Test
	void aCaseMovesOnlyThroughItsOwnStepsAndItsVariablesAreTheRunbooks() {
		ResponseEntity<String> skip = this.cases.post("admin",
				"/engine-rest/process-instance/" + this.caseId + "/modification",
				Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_UnblockSender"))));
		assertThat(skip.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(skip.getBody())).startsWith("A case moves only through its own steps");
		assertThat(exchange("admin", HttpMethod.PUT, "/engine-rest/process-instance/" + this.caseId
				+ "/variables/reviewDecision", Map.of("value", "release")).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(exchange("admin", HttpMethod.POST, "/engine-rest/process-instance/" + this.caseId + "/variables",
				Map.of("modifications", Map.of("approvedBy", Map.of("value", "secadmin")))).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<String> error = this.cases.post("analyst", "/engine-rest/task/" + this.review + "/bpmnError",
				Map.of("errorCode", "anything"));
		assertThat(error.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(message(error.getBody())).contains("end only by completing their form");

		assertThat(this.runtimeService.getVariable(this.caseId, "approvedBy")).isNull();
		assertThat(this.cases.awaitTask("analyst", this.caseId, "Task_ReviewRecommendations")).isEqualTo(this.review);
		assertThat(this.tenant.calls("Remove-BlockedSenderAddress"))
			.noneMatch((call) -> call.target().equals(this.mailbox));
	}

	@Test
	void tasklistsOwnRestApiRefusesWithTheSentence(CapturedOutput output) {
		WebappSession tasklist = WebappSession.signIn("http://localhost:" + this.port, "analyst", "analyst");
		assertThat(tasklist.post("task/" + this.review + "/claim", Map.of("userId", "analyst")).statusCode())
			.isEqualTo(204);
		Map<String, Object> forged = new HashMap<>(Decisions.releaseMailboxOverRest());
		forged.put("entityId", Map.of("value", "ceo@contoso.onmicrosoft.com"));
		HttpResponse<String> refused = tasklist.post("task/" + this.review + "/submit-form",
				Map.of("variables", forged));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(message(refused.body())).contains("has no field 'entityId'");
		HttpResponse<String> incomplete = tasklist.post("task/" + this.review + "/submit-form",
				Map.of("variables", Map.of("reviewDecision", Map.of("value", "release"), "reviewComment",
						Map.of("value", "fine"))));
		assertThat(incomplete.statusCode()).isEqualTo(400);
		assertThat(message(incomplete.body())).startsWith("A release needs every recommendation confirmed.");
		HttpResponse<String> put = tasklist.put("task/" + this.review + "/variables/entityId",
				Map.of("value", "ceo@contoso.onmicrosoft.com"));
		assertThat(put.statusCode()).isEqualTo(400);
		assertThat(message(put.body())).contains("'entityId'");
		assertThat(tasklist.delete("task/" + this.review + "/variables/evidence").statusCode()).isEqualTo(400);
		assertThat(this.runtimeService.getVariable(this.caseId, "entityId")).isEqualTo(this.mailbox);
		assertThat(output).contains("Refused for analyst on mailbox:" + this.mailbox
				+ " at Task_ReviewRecommendations: submit the task's form - A release needs every recommendation")
			.doesNotContain("ENGINE-03051")
			.doesNotContain("ENGINE-16004");
	}

	private String bothGroups() {
		String id = "both" + USERS.incrementAndGet();
		User user = this.identityService.newUser(id);
		user.setPassword(id);
		this.identityService.saveUser(user);
		this.identityService.createMembership(id, "soc-analysts");
		this.identityService.createMembership(id, "security-admins");
		return id;
	}

	private static String message(String body) {
		return CaseHttp.json(body).path("message").asText();
	}

	private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String json = (body != null) ? CaseHttp.toJson(body) : null;
		return this.http.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(json, headers), String.class);
	}

}
