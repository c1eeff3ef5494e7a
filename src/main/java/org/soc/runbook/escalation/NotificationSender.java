package org.soc.runbook.escalation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.audit.RetentionProperties;
import org.soc.runbook.cases.Text;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: every {@code delivery-interval} it takes the messages that are due, leases each one (so that
 * two nodes do not send it twice), and sends it through its channel. A failure is recorded and retried later with a
 * doubling wait; after {@code max-attempts} the message is given up and logged. Delivery runs outside any case's
 * transaction.
 */
@Component
class NotificationSender implements SchedulingConfigurer {

	private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);

	/** How long a node may hold a message while it sends it. */
	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final Duration LONGEST_WAIT = Duration.ofHours(1);

	private final JdbcTemplate jdbc;

	private final NotificationProperties properties;

	private final Map<String, NotificationChannel> channels;

	private final RetentionProperties retention;

	private final ObjectMapper json;

	NotificationSender(JdbcTemplate jdbc, NotificationProperties properties, List<NotificationChannel> channels,
			RetentionProperties retention, ObjectMapper json) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.retention = retention;
		this.json = json;
		this.channels = channels.stream()
			.collect(java.util.stream.Collectors.toMap(NotificationChannel::name, (c) -> c));
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> quietly("delivery", this::deliverDue), this.properties.deliveryInterval());
		registrar.addFixedDelayTask(() -> quietly("purge", this::purge), Duration.ofHours(1));
	}

	/** A scheduled round that fails (the database may be briefly away) is logged; the next round tries again. */
	private static void quietly(String round, Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			LOG.warn("Notification {} round failed; the next round tries again: {}", round, ex.getMessage());
		}
	}

	/**
	 * Forgets messages delivered or given up longer ago than cases' history is kept: the outbox keeps no more than
	 * the history it announces. Returns how many went.
	 */
	int purge() {
		Timestamp cutoff = Timestamp.from(Instant.now().minus(this.retention.caseHistory()));
		return this.jdbc.update("DELETE FROM runbook_notification WHERE delivered_at < ? OR gave_up_at < ?", cutoff,
				cutoff);
	}

	/** Sends every message that is due now; returns how many were delivered. */
	int deliverDue() {
		Instant now = Instant.now();
		List<Map<String, Object>> due = this.jdbc.queryForList("SELECT id, channel, case_key, payload, attempts "
				+ "FROM runbook_notification WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= ? "
				+ "AND (lease_until IS NULL OR lease_until < ?) ORDER BY created_at", Timestamp.from(now),
				Timestamp.from(now));
		int delivered = 0;
		for (Map<String, Object> row : due) {
			String id = (String) row.get("id");
			int leased = this.jdbc.update("UPDATE runbook_notification SET lease_until = ? WHERE id = ? "
					+ "AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until < ?)",
					Timestamp.from(now.plus(LEASE)), id, Timestamp.from(now));
			if (leased == 0) {
				continue;
			}
			if (deliver(id, (String) row.get("channel"), (String) row.get("case_key"), (String) row.get("payload"),
					((Number) row.get("attempts")).intValue())) {
				delivered++;
			}
		}
		return delivered;
	}

	private boolean deliver(String id, String channelName, String caseKey, String payload, int attempts) {
		NotificationChannel channel = this.channels.get(channelName);
		int attempt = attempts + 1;
		try {
			if (channel == null) {
				throw new IllegalStateException("no channel named " + channelName + " on this node");
			}
			JsonNode body = this.json.readTree(payload);
			channel.send(body);
			this.jdbc.update("UPDATE runbook_notification SET delivered_at = ?, attempts = ?, lease_until = NULL, "
					+ "last_error = NULL WHERE id = ?", Timestamp.from(Instant.now()), attempt, id);
			return true;
		}
		catch (Exception ex) {
			String error = Text.line(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 500);
			if (attempt >= this.properties.maxAttempts()) {
				LOG.error("Notification {} for {} given up after {} attempts: {}", channelName, caseKey, attempt, error);
				this.jdbc.update("UPDATE runbook_notification SET gave_up_at = ?, attempts = ?, lease_until = NULL, "
						+ "last_error = ? WHERE id = ?", Timestamp.from(Instant.now()), attempt, error, id);
			}
			else {
				Duration wait = backoff(attempt);
				LOG.warn("Notification {} for {} failed (attempt {}), next try in {}: {}", channelName, caseKey,
						attempt, wait, error);
				this.jdbc.update("UPDATE runbook_notification SET attempts = ?, next_attempt_at = ?, lease_until = NULL, "
						+ "last_error = ? WHERE id = ?", attempt, Timestamp.from(Instant.now().plus(wait)), error, id);
			}
			return false;
		}
	}

	/** The wait after the given failed attempt: the configured backoff, doubled per attempt, at most an hour. */
	Duration backoff(int attempt) {
		Duration wait = this.properties.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		return (wait.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : wait;
	}

}
