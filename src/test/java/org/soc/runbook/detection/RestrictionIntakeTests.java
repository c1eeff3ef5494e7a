package org.soc.runbook.detection;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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

/** {@code POST /api/restrictions}: the secret, each kind of bad input, and that nothing starts on an error. */
@RunbookIntegrationTest
class RestrictionIntakeTests {

	private static final String SECRET = "test-intake-secret";

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
	void aBearerCallerOpensACaseAndTheSameDetectionAgainGetsTheOpenOne() {
		String mailbox = restrictedUser();
		String body = "{\"type\":\"mailbox\",\"address\":\"" + mailbox + "\",\"source\":\"sentinel\",\"alertId\":\"da1\"}";
		ResponseEntity<String> first = send(body, bearer(SECRET));
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getBody()).contains("mailbox:" + mailbox);
		ResponseEntity<String> again = send(body, bearer(SECRET));
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody()).contains("alreadyOpen");
	}

	@Test
	void anHmacSignedCallerIsAcceptedAndABadSignatureIsNot() {
		String mailbox = restrictedUser();
		String body = "{\"type\":\"mailbox\",\"address\":\"" + mailbox + "\"}";
		HttpHeaders signed = json();
		signed.set("X-Signature", "sha256=" + HexFormat.of()
			.formatHex(RestrictionIntakeController.hmac(SECRET, body.getBytes(StandardCharsets.UTF_8))));
		HttpHeaders forged = json();
		forged.set("X-Signature", "sha256=" + HexFormat.of()
			.formatHex(RestrictionIntakeController.hmac("guess", body.getBytes(StandardCharsets.UTF_8))));
		long before = cases();
		assertThat(send(body, forged).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(cases()).isEqualTo(before);
		assertThat(send(body, signed).getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void everyKindOfBadRequestIsRefusedWithItsStatusAndStartsNothing() {
		long before = cases();
		String valid = "{\"type\":\"mailbox\",\"address\":\"someone@contoso.onmicrosoft.com\"}";
		assertThat(send(valid, json()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(send(valid, bearer("wrong")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertField(send("{\"type\":\"mailbox\",", bearer(SECRET)), HttpStatus.BAD_REQUEST, "not valid JSON");
		assertField(send("{\"type\":\"mailbox\",\"address\":\"a@b.example\\r\\nBcc: x@y.example\"}", bearer(SECRET)),
				HttpStatus.BAD_REQUEST, "\"field\":\"address\"");
		assertField(send("{\"type\":\"mailbox\",\"address\":\"" + "a".repeat(290) + "@b.example\"}", bearer(SECRET)),
				HttpStatus.BAD_REQUEST, "longer than 254");
		assertField(send("{\"type\":\"connector\",\"connectorId\":\"not-a-guid\"}", bearer(SECRET)),
				HttpStatus.BAD_REQUEST, "\"field\":\"connectorId\"");
		assertField(send("{\"type\":\"printer\"}", bearer(SECRET)), HttpStatus.BAD_REQUEST, "\"field\":\"type\"");
		assertField(send("{\"type\":\"mailbox\",\"address\":\"a@b.example\",\"source\":\"" + "s".repeat(150) + "\"}",
				bearer(SECRET)), HttpStatus.BAD_REQUEST, "\"field\":\"source\"");
		assertField(send("{\"type\":\"mailbox\",\"address\":\"" + "x".repeat(20000) + "\"}", bearer(SECRET)),
				HttpStatus.PAYLOAD_TOO_LARGE, "larger than");
		HttpHeaders text = bearer(SECRET);
		text.setContentType(MediaType.TEXT_PLAIN);
		assertThat(send(valid, text).getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(cases()).isEqualTo(before);
	}

	private void assertField(ResponseEntity<String> response, HttpStatus status, String text) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getBody()).contains(text);
	}

	private long cases() {
		return this.runtimeService.createProcessInstanceQuery().count()
				+ this.runtimeService.createProcessInstanceQuery().suspended().count();
	}

	private ResponseEntity<String> send(String body, HttpHeaders headers) {
		return this.http.postForEntity("/api/restrictions", new HttpEntity<>(body, headers), String.class);
	}

	private static HttpHeaders json() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return headers;
	}

	private static HttpHeaders bearer(String token) {
		HttpHeaders headers = json();
		headers.setBearerAuth(token);
		return headers;
	}

	private String restrictedUser() {
		String mailbox = "intake.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Intake User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		return mailbox;
	}

}
