package org.soc.runbook.escalation;

import java.net.URI;
import java.net.http.HttpClient;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Posts a message as JSON to the configured incoming webhook. The body has a {@code text} field (what Microsoft
 * Teams and Slack incoming webhooks show) and the event's facts as fields of their own for anything that reads JSON.
 * Any answer other than 2xx is a failure to retry. An incoming webhook's URL is its own credential (whoever has it
 * may post to the channel), so a failure names the webhook's host only: the HTTP client's own messages carry the whole
 * URL, and they would reach the log and the outbox's table.
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
		post(this.properties.webhookUrl(), message);
	}

	/** Posts the message to an incoming webhook; a failure names its host only. */
	void post(URI webhook, JsonNode message) {
		try {
			this.http.post()
				.uri(webhook)
				.contentType(MediaType.APPLICATION_JSON)
				.body(message.toString())
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientResponseException ex) {
			throw new WebhookFailure("the webhook at " + webhook.getHost() + " answered HTTP "
					+ ex.getStatusCode().value());
		}
		catch (RestClientException ex) {
			Throwable cause = (ex.getRootCause() != null) ? ex.getRootCause() : ex;
			throw new WebhookFailure("the webhook at " + webhook.getHost() + " could not be reached ("
					+ cause.getClass().getSimpleName() + ")");
		}
	}

	/** A failed post, in words that never carry the webhook's URL. */
	static final class WebhookFailure extends RestClientException {

		private static final long serialVersionUID = 1L;

		WebhookFailure(String message) {
			super(message);
		}

	}

}
