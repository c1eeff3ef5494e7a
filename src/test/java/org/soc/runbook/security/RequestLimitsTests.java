package org.soc.runbook.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint that takes a body answers 413 to one over its limit, and nothing is started or changed. */
@RunbookIntegrationTest
class RequestLimitsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	RuntimeService runtimeService;

	@LocalServerPort
	int port;

	@Test
	void aFiveMegabyteCaseRequestIsRefusedWithASentence() {
		long before = this.runtimeService.createProcessInstanceQuery().count();
		ResponseEntity<String> answer = new CaseHttp(this.http).post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", "big@contoso.onmicrosoft.com", "padding", "x".repeat(5_000_000)));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
		assertThat(CaseHttp.json(answer.getBody()).path("error").asText())
			.isEqualTo("The request body is larger than 65536 bytes, the most this endpoint takes. Nothing was changed.");
		assertThat(this.runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
	}

	@Test
	void camundasRestApiAndTheWebappsHaveALimitToo() {
		ResponseEntity<String> engine = new CaseHttp(this.http).post("admin", "/engine-rest/task/x/complete",
				Map.of("variables", Map.of("note", Map.of("value", "x".repeat(2_000_000)))));
		assertThat(engine.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
		ResponseEntity<String> webapp = this.http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
				"username=" + "x".repeat(2_000_000), String.class);
		assertThat(webapp.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
	}

	@Test
	void aBodySentWithoutALengthIsCutOffAtTheLimit() throws Exception {
		byte[] body = ("{\"type\":\"mailbox\",\"address\":\"chunked@contoso.onmicrosoft.com\",\"padding\":\""
				+ "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		// From an input stream of unknown length, Java's client sends the body in chunks, with no Content-Length.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/cases"))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("analyst:analyst".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:chunked@contoso.onmicrosoft.com")
			.count()).isZero();
	}

}
