package org.soc.runbook.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint that takes a body answers 413 to one over its limit, and nothing is started or changed. The
 * clients ask before they send a large body ({@code Expect: 100-continue}, as curl does), so the refusal arrives
 * before the body, which the server never reads.
 */
@RunbookIntegrationTest
class RequestLimitsTests {

	@Autowired
	RuntimeService runtimeService;

	@LocalServerPort
	int port;

	@Test
	void aFiveMegabyteCaseRequestIsRefusedWithASentence() throws Exception {
		long before = this.runtimeService.createProcessInstanceQuery().count();
		// A client announcing five megabytes and sending the first of them, as curl does: the answer comes before
		// the server reads on (Java's HTTP client would insist on sending the rest into the closed connection).
		try (Socket socket = new Socket("localhost", this.port)) {
			String head = "POST /api/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Authorization: Basic " + Base64.getEncoder().encodeToString("analyst:analyst".getBytes(StandardCharsets.UTF_8))
					+ "\r\nContent-Length: 5000000\r\n\r\n";
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(("{\"type\":\"mailbox\",\"padding\":\"" + "x".repeat(70_000))
				.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 413")
				.contains("Connection: close")
				.endsWith("{\"error\":\"The request body is larger than 65536 bytes, the most this endpoint takes. "
						+ "Nothing was changed.\"}");
		}
		assertThat(this.runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
	}

	@Test
	void camundasRestApiAndTheWebappsHaveALimitToo() throws Exception {
		assertThat(post("/engine-rest/task/x/complete", "application/json", "admin",
				HttpRequest.BodyPublishers.ofString(CaseHttp.toJson(Map.of("variables",
						Map.of("note", Map.of("value", "x".repeat(2_000_000)))))))
			.statusCode()).isEqualTo(413);
		assertThat(post("/camunda/api/engine/engine/default/task/x/submit-form", "application/json", null,
				HttpRequest.BodyPublishers.ofString("x".repeat(2_000_000)))
			.statusCode()).isEqualTo(413);
	}

	@Test
	void aBodySentWithoutALengthIsCutOffAtTheLimit() throws Exception {
		byte[] body = ("{\"type\":\"mailbox\",\"address\":\"chunked@contoso.onmicrosoft.com\",\"padding\":\""
				+ "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		// From an input stream of unknown length, Java's client sends the body in chunks, with no Content-Length.
		HttpResponse<String> answer = post("/api/cases", "application/json", "analyst",
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(this.runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey("mailbox:chunked@contoso.onmicrosoft.com")
			.count()).isZero();
	}

	private HttpResponse<String> post(String path, String contentType, String user, BodyPublisher body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.version(HttpClient.Version.HTTP_1_1)
			.expectContinue(true)
			.header("Content-Type", contentType)
			.POST(body);
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
