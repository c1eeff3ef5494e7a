package org.soc.runbook.escalation;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;

import org.springframework.stereotype.Component;

/**
 * A customer's own channel ({@code runbook.tenants.<key>.webhook-url}): the escalations, overdue tasks and incidents
 * of its cases, besides the deployment's channel, for a customer whose own team is told too. The message names its
 * tenant; the URL is looked up when it is sent, so a changed setting applies to what is still queued.
 */
@Component
class TenantWebhookChannel implements NotificationChannel {

	private final RunbookTenants tenants;

	private final WebhookChannel webhook;

	TenantWebhookChannel(RunbookTenants tenants, WebhookChannel webhook) {
		this.tenants = tenants;
		this.webhook = webhook;
	}

	@Override
	public String name() {
		return Notifications.TENANT_WEBHOOK;
	}

	@Override
	public void send(JsonNode message) {
		String key = message.path("tenant").asText(null);
		URI url = this.tenants.byKey(key).map(RunbookTenant::webhookUrl).orElse(null);
		if (url == null) {
			throw new IllegalStateException("tenant " + key + " has no webhook any more");
		}
		this.webhook.post(url, message);
	}

}
