package org.soc.runbook.escalation;

import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.config.PublicAddress;
import org.soc.runbook.cases.Text;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Announces an event of a case to the people who must act. The message is written to the {@code
 * runbook_notification} outbox in the caller's transaction, one row per channel, and {@link NotificationSender}
 * delivers it afterwards with retries: a webhook or mail server that is down never fails, delays or rolls back a
 * case, and a message is never sent for a step that did not commit.
 */
@Service
public class Notifications {

	/** {@code runbook_notification.channel} of a webhook message. */
	static final String WEBHOOK = "webhook";

	/** {@code runbook_notification.channel} of a message for a customer's own webhook. */
	static final String TENANT_WEBHOOK = "tenant-webhook";

	/** {@code runbook_notification.channel} of an e-mail. */
	static final String MAIL = "mail";

	/** {@code runbook_notification.channel} of a report on a Defender alert. */
	static final String DEFENDER = "defender";

	private final JdbcTemplate jdbc;

	private final RunbookTenants tenants;

	private final PublicAddress address;

	private final NotificationProperties properties;

	private final ObjectProvider<JavaMailSender> mail;

	private final ObjectMapper json;

	Notifications(JdbcTemplate jdbc, NotificationProperties properties, ObjectProvider<JavaMailSender> mail,
			ObjectMapper json, PublicAddress address, RunbookTenants tenants) {
		this.tenants = tenants;
		this.address = address;
		this.jdbc = jdbc;
		this.properties = properties;
		this.mail = mail;
		this.json = json;
	}

	/**
	 * Queues the event for every configured channel and says, in words, where it goes.
	 *
	 * @param event what happened
	 * @param caseKey the case's business key
	 * @param summary one sentence a person reads first (tenant data in it is shown as text)
	 * @param facts the event's facts, sent as JSON fields and listed in the e-mail
	 */
	public String announce(NotificationEvent event, String caseKey, String summary, Map<String, Object> facts) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("event", event.key());
		fields.put("case", caseKey);
		facts.forEach((key, value) -> fields.put(key, (value instanceof String text) ? Text.line(text, 1000) : value));
		String text = "Restricted Entity Runbook: " + event.title() + ". " + Text.line(summary, 1500);
		List<String> channels = new ArrayList<>();
		if (this.properties.webhookUrl() != null) {
			ObjectNode body = this.json.createObjectNode();
			body.put("text", text);
			body.setAll(this.json.<ObjectNode>valueToTree(fields));
			insert(WEBHOOK, event, caseKey, body);
			channels.add("the webhook");
		}
		RunbookTenant tenant = this.tenants.byKey(RunbookTenant.camundaTenantOf(caseKey)).orElse(null);
		if (tenant != null && tenant.webhookUrl() != null) {
			ObjectNode body = this.json.createObjectNode();
			body.put("text", text);
			body.setAll(this.json.<ObjectNode>valueToTree(fields));
			body.put("tenant", tenant.key());
			insert(TENANT_WEBHOOK, event, caseKey, body);
			channels.add(tenant.name() + "'s own webhook");
		}
		List<String> recipients = this.properties.recipients(event);
		if (!recipients.isEmpty() && this.mail.getIfAvailable() != null) {
			ObjectNode body = this.json.createObjectNode();
			body.put("subject", "[Runbook] " + event.title() + ": " + Text.line(caseKey, 200));
			StringBuilder lines = new StringBuilder(text).append("\n\n");
			fields.forEach((key, value) -> lines.append(key).append(": ").append(value).append('\n'));
			body.put("text", lines.toString());
			body.set("to", this.json.valueToTree(recipients));
			insert(MAIL, event, caseKey, body);
			channels.add("e-mail to " + recipients.size() + " recipient(s)");
		}
		return channels.isEmpty() ? "not sent: no notification channel configured"
				: "queued for " + String.join(" and ", channels);
	}

	/** The Tasklist link of a task, on the application's public address. */
	public String taskLink(String taskId) {
		return this.address.task(taskId);
	}

	/** The Tasklist address. */
	public String tasklistUrl() {
		return this.address.tasklist();
	}

	/**
	 * Queues the case's outcome for the Defender alert it came from: a comment and a status, delivered with retries
	 * like every message, so that a Graph outage never holds up or rolls back the case.
	 */
	void reportToDefender(String caseKey, String alertId, String status, String classification, String comment) {
		ObjectNode body = this.json.createObjectNode()
			.put("alertId", alertId)
			// The alert is in the case's customer's tenant, and so is the call that reports on it.
			.put("tenant", RunbookTenant.camundaTenantOf(caseKey))
			.put("status", status)
			.put("comment", Text.bounded(comment, 2000));
		if (classification != null) {
			body.put("classification", classification);
		}
		insert(DEFENDER, NotificationEvent.DEFENDER_ALERT, caseKey, body);
	}

	/**
	 * A Defender alert about an entity whose case was already open joined that case: the alert says so at once (in
	 * progress, with the case's key), and gets the case's outcome when it ends.
	 */
	public void alertJoinedOpenCase(String caseKey, String alertId, EntityType entityType) {
		reportToDefender(caseKey, alertId, "inProgress", null, "Restricted Entity Runbook: case " + caseKey
				+ " was already open for this " + entityType.value() + "; its outcome will be reported on this alert.");
	}

	private void insert(String channel, NotificationEvent event, String caseKey, ObjectNode body) {
		String payload;
		try {
			payload = this.json.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a notification could not be written as JSON", ex);
		}
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.update("INSERT INTO runbook_notification (id, channel, event, case_key, payload, created_at, "
				+ "attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)", UUID.randomUUID().toString(), channel,
				event.key(), Text.line(caseKey, 300), payload, now, now);
	}

}
