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
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link WebhookChannel} against a local HTTP receiver. */
class WebhookChannelTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private HttpServer receiver;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// The path of a Teams or Slack webhook is its secret; the tests' one is "/hook".
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
	void aMessageArrivesAsJsonThatTeamsAndSlackCanShow() throws Exception {
		webhook(url()).send(JSON.valueToTree(Map.of("text", "Case mailbox:a@b.example is escalated.", "case",
				"mailbox:a@b.example", "event", "block-not-lifted")));
		JsonNode message = JSON.readTree(this.received.get(0));
		assertThat(message.path("text").asText()).contains("escalated");
		assertThat(message.path("case").asText()).isEqualTo("mailbox:a@b.example");
	}

	@Test
	void aFailingReceiverIsAFailureToRetryThatNamesTheHostOnly() {
		this.status = 500;
		assertThatThrownBy(() -> webhook(url()).send(JSON.valueToTree(Map.of("text", "x"))))
			.isInstanceOf(RestClientException.class)
			.hasMessage("the webhook at 127.0.0.1 answered HTTP 500")
			.satisfies((failure) -> assertThat(stackText(failure)).doesNotContain("/hook"));
	}

	@Test
	void anUnreachableReceiverIsAFailureToRetryThatNamesTheHostOnly() {
		this.receiver.stop(0);
		assertThatThrownBy(() -> webhook(url()).send(JSON.valueToTree(Map.of("text", "x"))))
			.isInstanceOf(RestClientException.class)
			.hasMessageStartingWith("the webhook at 127.0.0.1 could not be reached")
			.satisfies((failure) -> assertThat(stackText(failure)).doesNotContain("/hook"));
	}

	/** Everything a log line with the stack trace would print. */
	private static String stackText(Throwable failure) {
		java.io.StringWriter text = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(text));
		return text.toString();
	}

	private URI url() {
		return URI.create("http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook");
	}

	private static WebhookChannel webhook(URI url) {
		return new WebhookChannel(new NotificationProperties(url, Duration.ofSeconds(2), "r@x",
				Map.of(), 3, Duration.ofSeconds(1), Duration.ofSeconds(10)), RestClient.builder());
	}

}
