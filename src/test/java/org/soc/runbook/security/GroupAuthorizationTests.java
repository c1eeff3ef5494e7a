package org.soc.runbook.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each group may do, through Camunda's REST API (the same engine calls Tasklist and Cockpit make) and the
 * project's API: analysts review, security administrators approve, leads see every case, auditors read and change
 * nothing.
 */
@RunbookIntegrationTest
class GroupAuthorizationTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	CaseHttp cases;

	String caseId;

	String review;

	@BeforeEach
	void aCaseWaitingForReview() {
		this.cases = new CaseHttp(this.http);
		String mailbox = "authz.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Authz User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		this.caseId = CaseHttp.json(this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", mailbox)).getBody()).path("id").asText();
		this.review = this.cases.awaitTask("analyst", this.caseId, "Task_ReviewRecommendations");
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void analystsSeeAndWorkReviewsButNotApprovalsNorDeleteCases() {
		assertThat(post("analyst", "/engine-rest/task/" + this.review + "/claim", Map.of("userId", "analyst")))
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(send("analyst", HttpMethod.DELETE, "/engine-rest/process-instance/" + this.caseId))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.cases.get("analyst", "/engine-rest/task?candidateGroup=security-admins")).isEmpty();
	}

	@Test
	void securityAdministratorsDoNotReviewNorOpenCases() {
		assertThat(this.cases.get("secadmin", "/engine-rest/task?processInstanceId=" + this.caseId)).isEmpty();
		// Not a candidate of the review: the runbook refuses before Camunda's authorization is asked.
		assertThat(post("secadmin", "/engine-rest/task/" + this.review + "/claim", Map.of("userId", "secadmin")))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("secadmin", "/api/cases", Map.of("type", "mailbox", "address", "x@contoso.onmicrosoft.com")))
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void leadsSeeEveryOpenCaseButDoNotDeleteThem() {
		JsonNode open = this.cases.get("lead", "/engine-rest/process-instance?processInstanceIds=" + this.caseId);
		assertThat(open).hasSize(1);
		assertThat(send("lead", HttpMethod.DELETE, "/engine-rest/process-instance/" + this.caseId))
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void auditorsReadCasesAndHistoryAndChangeNothing() {
		assertThat(this.cases.get("auditor", "/engine-rest/process-instance?processInstanceIds=" + this.caseId))
			.hasSize(1);
		assertThat(this.cases.get("auditor", "/engine-rest/history/process-instance?processInstanceId=" + this.caseId))
			.hasSize(1);
		assertThat(this.cases.get("auditor", "/engine-rest/task?processInstanceId=" + this.caseId))
			.as("no task to claim")
			.isEmpty();
		// Not a candidate: the runbook refuses before Camunda's authorization is asked (CaseIntegrityTests).
		assertThat(post("auditor", "/engine-rest/task/" + this.review + "/claim", Map.of("userId", "auditor")))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("auditor", "/engine-rest/task/" + this.review + "/complete", Map.of("variables", Map.of())))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		// Starting a process and writing a case's variables: the runbook refuses them to everyone before Camunda's
		// authorization is asked (CaseIntegrityTests), so the answer is its 400.
		assertThat(post("auditor", "/engine-rest/process-definition/key/restricted-user-remediation/start",
				Map.of("businessKey", "mailbox:forged@contoso.onmicrosoft.com")))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(send("auditor", HttpMethod.DELETE, "/engine-rest/process-instance/" + this.caseId))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(put("auditor", "/engine-rest/process-instance/" + this.caseId + "/variables/reviewDecision",
				Map.of("value", "release", "type", "String")))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(put("auditor", "/engine-rest/process-instance/" + this.caseId + "/suspended",
				Map.of("suspended", true)))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("auditor", "/api/cases", Map.of("type", "mailbox", "address", "x@contoso.onmicrosoft.com")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		// History itself: neither deleted nor cleaned up by an auditor.
		assertThat(send("auditor", HttpMethod.DELETE, "/engine-rest/history/process-instance/" + this.caseId))
			.isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
		assertThat(post("auditor", "/engine-rest/history/process-instance/delete",
				Map.of("historicProcessInstanceIds", List.of(this.caseId), "deleteReason", "x")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("auditor", "/engine-rest/history/cleanup", Map.of())).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("auditor", "/engine-rest/process-instance/delete",
				Map.of("processInstanceIds", List.of(this.caseId), "deleteReason", "x")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("auditor", "/engine-rest/message", Map.of("messageName", "anything")))
			.isIn(HttpStatus.FORBIDDEN, HttpStatus.BAD_REQUEST);
		assertThat(post("auditor", "/engine-rest/authorization/create",
				Map.of("type", 1, "permissions", List.of("ALL"), "groupId", "auditors", "resourceType", 8,
						"resourceId", "*")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.cases.get("auditor", "/engine-rest/history/process-instance?processInstanceId=" + this.caseId))
			.hasSize(1);
		// The case is untouched.
		assertThat(this.cases.awaitTask("analyst", this.caseId, "Task_ReviewRecommendations")).isEqualTo(this.review);
	}

	private HttpStatusCode post(String user, String path, Object body) {
		return this.cases.post(user, path, body).getStatusCode();
	}

	private HttpStatusCode put(String user, String path, Object body) {
		return exchange(user, HttpMethod.PUT, path, body).getStatusCode();
	}

	private HttpStatusCode send(String user, HttpMethod method, String path) {
		return exchange(user, method, path, null).getStatusCode();
	}

	private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String json = (body != null) ? CaseHttp.toJson(body) : null;
		return this.http.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(json, headers), String.class);
	}

}
