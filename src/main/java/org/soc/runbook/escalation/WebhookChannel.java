package org.soc.runbook.escalation;

import java.net.http.HttpClient;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Posts a message as JSON to the configured incoming webhook. The body has a {@code text} field (what Microsoft
 * Teams and Slack incoming webhooks show) and the event's facts as fields of their own for anything that reads JSON.
 * Any answer other than 2xx is a failure to retry.
 */
@Component
class WebhookChannel implements NotificationChannel {

	private final NotificationProperties properties;

	private final RestClient http;

	WebhookChannel(NotificationProperties properties, RestClient.Builder builder) {
		this.properties = properties;
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		factory.setReadTimeout(properties.timeout());
		this.http = builder.clone().requestFactory(factory).build();
	}

	@Override
	public String name() {
		return Notifications.WEBHOOK;
	}

	@Override
	public void send(JsonNode message) {
		if (this.properties.webhookUrl() == null) {
			throw new IllegalStateException("no webhook configured any more");
		}
		this.http.post()
			.uri(this.properties.webhookUrl())
			.contentType(MediaType.APPLICATION_JSON)
			.body(message.toString())
			.retrieve()
			.toBodilessEntity();
	}

}
