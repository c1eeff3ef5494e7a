package org.soc.runbook.escalation;

import org.soc.runbook.tenant.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import org.soc.runbook.tenant.graph.GraphClient;

import org.springframework.stereotype.Component;

/**
 * Delivers a case's outcome to the Defender alert it came from: a comment, then the alert's status (and
 * classification), through Graph's security API. Queued in the case's transaction and retried like every message:
 * the SOC sees the outcome where the alert is, and a Graph outage costs a retry, not the case.
 */
@Component
class DefenderAlertChannel implements NotificationChannel {

	private final Tenants tenants;

	DefenderAlertChannel(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public String name() {
		return Notifications.DEFENDER;
	}

	@Override
	public void send(JsonNode message) {
		String alertId = message.path("alertId").asText();
		GraphClient graph = this.tenants.graph(message.path("tenant").textValue());
		// The comment first: if the status update fails and is retried, the comment is sent again, which is
		// harmless; the reverse would leave a resolved alert that says nothing.
		graph.commentOnAlert(alertId, message.path("comment").asText());
		graph.updateAlert(alertId, message.path("status").asText(), message.path("classification").asText(null),
				null);
	}

}
