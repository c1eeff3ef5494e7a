package org.soc.runbook.escalation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who is told what, and how hard the runbook tries. Every event goes to the webhook when one is configured and by
 * e-mail to the recipients listed for its kind (SMTP itself is Spring's {@code spring.mail.*}).
 *
 * @param webhookUrl an incoming webhook (Microsoft Teams, Slack or any JSON receiver) that gets a JSON message per
 * event; none: no webhook
 * @param timeout how long to wait for the webhook or the SMTP server to answer
 * @param mailFrom the sender address of notification e-mails
 * @param mailTo recipients per kind of event ({@code review-overdue}, {@code approval-overdue},
 * {@code block-not-lifted}, {@code unblock-limit-reached}, {@code user-not-found}, {@code incident}); the key
 * {@code default} serves every kind not listed; none: no e-mail
 * @param maxAttempts deliveries tried per message before it is given up (and logged)
 * @param retryBackoff the wait after the first failed delivery; it doubles per attempt up to an hour
 * @param deliveryInterval how often waiting messages are looked for
 */
@ConfigurationProperties("runbook.notification")
public record NotificationProperties(URI webhookUrl, @DefaultValue("5s") Duration timeout,
		@DefaultValue("runbook@localhost") String mailFrom, Map<String, List<String>> mailTo,
		@DefaultValue("12") int maxAttempts, @DefaultValue("30s") Duration retryBackoff,
		@DefaultValue("10s") Duration deliveryInterval) {

	public NotificationProperties {
		// An empty environment variable means "none", not a relative URI.
		webhookUrl = (webhookUrl != null && webhookUrl.toString().isBlank()) ? null : webhookUrl;
		mailTo = (mailTo != null) ? Map.copyOf(mailTo) : Map.of();
	}

	/** The e-mail recipients of the kind of event; empty when none are configured. */
	List<String> recipients(NotificationEvent event) {
		List<String> listed = this.mailTo.get(event.key());
		if (listed == null) {
			listed = this.mailTo.getOrDefault("default", List.of());
		}
		return listed.stream().map(String::trim).filter((address) -> !address.isEmpty()).toList();
	}

}
