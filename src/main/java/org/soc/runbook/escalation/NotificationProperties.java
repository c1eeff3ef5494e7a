package org.soc.runbook.escalation;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where escalations are announced.
 *
 * @param webhookUrl an incoming webhook (Microsoft Teams, Slack or any JSON receiver) that gets a JSON message per
 * escalation; none: escalations only create the task
 * @param timeout how long to wait for the webhook to answer
 * @param tasklistUrl the Tasklist address put into messages so that the reader can open the task
 */
@ConfigurationProperties("runbook.notification")
public record NotificationProperties(URI webhookUrl, @DefaultValue("5s") Duration timeout,
		@DefaultValue("http://localhost:8080/camunda/app/tasklist/default/") String tasklistUrl) {
}
