package org.soc.runbook.escalation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link EscalationWebhook} against a local HTTP receiver. */
class EscalationWebhookTests {

	private HttpServer receiver;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/hook", (exchange) -> {
			this.received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(this.status, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	@Test
	void anEscalationArrivesAsJsonThatTeamsAndSlackCanShow() throws Exception {
		String outcome = webhook(url()).send(Map.of("text", "Case mailbox:a@b.example is escalated.", "case",
				"mailbox:a@b.example", "reason", "Still blocked"));
		assertThat(outcome).isEqualTo("sent to the webhook");
		JsonNode message = new ObjectMapper().readTree(this.received.get(0));
		assertThat(message.path("text").asText()).contains("escalated");
		assertThat(message.path("case").asText()).isEqualTo("mailbox:a@b.example");
	}

	@Test
	void aFailingReceiverIsReportedNotThrown() {
		this.status = 500;
		assertThat(webhook(url()).send(Map.of("text", "x", "case", "c"))).startsWith("not delivered");
	}

	@Test
	void anUnreachableReceiverIsReportedNotThrown() {
		this.receiver.stop(0);
		assertThat(webhook(url()).send(Map.of("text", "x", "case", "c"))).startsWith("not delivered");
	}

	@Test
	void noWebhookMeansNothingIsSent() {
		assertThat(webhook(null).send(Map.of("text", "x"))).isEqualTo("not sent: no webhook configured");
		assertThat(this.received).isEmpty();
	}

	private URI url() {
		return URI.create("http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook");
	}

	private static EscalationWebhook webhook(URI url) {
		return new EscalationWebhook(new NotificationProperties(url, Duration.ofSeconds(2), "http://tasklist"),
				RestClient.builder());
	}

}
