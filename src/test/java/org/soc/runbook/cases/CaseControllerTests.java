package org.soc.runbook.cases;

import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/cases}: who may open a case, what comes back, and that nothing starts on an error. */
@RunbookIntegrationTest
class CaseControllerTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	SimulatedTenant tenant;

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void aNewCaseIs201AndTheSameMailboxAgainIs200WithTheOpenCase() {
		String mailbox = "api.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Api User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");

		ResponseEntity<String> first = open("analyst", "{\"type\":\"mailbox\",\"address\":\"" + mailbox.toUpperCase() + "\"}");
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getBody()).contains("\"businessKey\":\"mailbox:" + mailbox + "\"").contains("\"started\"");
		ResponseEntity<String> again = open("lead", "{\"type\":\"mailbox\",\"address\":\"" + mailbox + "\"}");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody()).contains("alreadyOpen");
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
			.processInstanceBusinessKey("mailbox:" + mailbox)
			.count()).isEqualTo(1);
		assertThat(this.runtimeService.getVariable(firstId(first), CaseVariables.STARTED_BY)).isEqualTo("analyst");
	}

	@Test
	void badInputIs400NamingTheFieldAndStartsNothing() {
		long before = this.runtimeService.createProcessInstanceQuery().count();
		assertThat(open("analyst", "{\"type\":\"mailbox\",\"address\":\"not an address\"}"))
			.satisfies((r) -> assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST))
			.satisfies((r) -> assertThat(r.getBody()).contains("\"field\":\"address\""));
		assertThat(open("analyst", "{\"type\":\"printer\",\"address\":\"a@b.example\"}").getBody())
			.contains("\"field\":\"type\"");
		assertThat(open("analyst", "{\"type\":\"mailbox\",\"address\":42}").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(open("analyst", "{\"type\":\"mailbox\",\"address\":\"" + "a".repeat(250) + "@b.example\"}")
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(open("analyst", "{not json").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(open("analyst", "{\"type\":\"connector\",\"connectorId\":\"1234\"}").getBody())
			.contains("\"field\":\"connectorId\"", "not a GUID");
		assertThat(open("analyst", "{\"type\":\"connector\"}").getBody()).contains("\"field\":\"connectorId\"");
		assertThat(this.runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
	}

	@Test
	void onlyAnalystsAndLeadsOpenCases() {
		assertThat(open("auditor", "{\"type\":\"mailbox\",\"address\":\"a@b.example\"}").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.postForEntity("/api/cases", json("{}"), String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void onlyJsonIsAccepted() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.TEXT_PLAIN);
		assertThat(this.http.withBasicAuth("analyst", "analyst")
			.postForEntity("/api/cases", new HttpEntity<>("mailbox a@b.example", headers), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	private ResponseEntity<String> open(String user, String body) {
		return this.http.withBasicAuth(user, user).postForEntity("/api/cases", json(body), String.class);
	}

	private static HttpEntity<String> json(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new HttpEntity<>(body, headers);
	}

	private static String firstId(ResponseEntity<String> response) {
		String body = response.getBody();
		int start = body.indexOf("\"id\":\"") + 6;
		return body.substring(start, body.indexOf('"', start));
	}

}
