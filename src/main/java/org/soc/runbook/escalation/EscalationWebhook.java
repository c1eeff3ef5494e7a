package org.soc.runbook.escalation;

import java.net.http.HttpClient;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Posts an escalation as JSON to the configured webhook. The message has a {@code text} field (what Teams and Slack
 * incoming webhooks show) and the case's facts as fields of their own for anything that reads JSON. Delivery must
 * never hold up or fail a case: a failure is reported back to the caller as text, not thrown.
 */
@Component
class EscalationWebhook {

	private static final Logger LOG = LoggerFactory.getLogger(EscalationWebhook.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final NotificationProperties properties;

	private final RestClient http;

	EscalationWebhook(NotificationProperties properties, RestClient.Builder builder) {
		this.properties = properties;
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		factory.setReadTimeout(properties.timeout());
		this.http = builder.clone().requestFactory(factory).build();
	}

	/** Sends the message; returns what happened, in words. */
	String send(Map<String, Object> message) {
		if (this.properties.webhookUrl() == null) {
			return "not sent: no webhook configured";
		}
		try {
			this.http.post()
				.uri(this.properties.webhookUrl())
				.contentType(MediaType.APPLICATION_JSON)
				.body(JSON.writeValueAsString(message))
				.retrieve()
				.toBodilessEntity();
			return "sent to the webhook";
		}
		catch (RestClientException | com.fasterxml.jackson.core.JsonProcessingException ex) {
			LOG.warn("Escalation webhook failed for {}: {}", message.get("case"), ex.getClass().getSimpleName());
			return "not delivered: " + ex.getClass().getSimpleName();
		}
	}

	String tasklistUrl() {
		return this.properties.tasklistUrl();
	}

}
