package org.soc.runbook.escalation;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantClients;
import org.soc.runbook.tenant.TenantsProperties;
import org.soc.runbook.tenant.TestTenants;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * A customer's own channel gets the message at the URL its entry names when the message is sent, and a message for a
 * customer without one (any more) fails, to be retried or given up like every undeliverable message.
 */
class TenantWebhookChannelTests {

	private static final URI FABRIKAM_HOOK = URI.create("https://fabrikam.example/hooks/soc");

	private final WebhookChannel webhook = mock(WebhookChannel.class);

	private final TenantWebhookChannel channel = new TenantWebhookChannel(new RunbookTenants(
			TestTenants.SINGLE.connection(), new TenantsProperties(Map.of("contoso",
					TestTenants.entry("contoso.onmicrosoft.com"), "fabrikam", withHook("fabrikam.onmicrosoft.com"))),
			(tenant) -> TenantClients.of(tenant, null, null)), this.webhook);

	@Test
	void aCustomersMessageGoesToItsOwnWebhook() {
		ObjectNode message = new ObjectMapper().createObjectNode().put("tenant", "fabrikam").put("text", "Escalated");

		this.channel.send(message);

		verify(this.webhook).post(FABRIKAM_HOOK, message);
	}

	@Test
	void aMessageForACustomerWithoutAWebhookIsNotSentAnywhere() {
		ObjectNode message = new ObjectMapper().createObjectNode().put("tenant", "contoso").put("text", "Escalated");

		assertThatThrownBy(() -> this.channel.send(message)).hasMessage("tenant contoso has no webhook any more");
		verify(this.webhook, never()).post(any(), any());
	}

	private static TenantsProperties.Entry withHook(String tenantId) {
		return new TenantsProperties.Entry(null, tenantId, null, null, null, null, null, null, null, null, null, null,
				null, null, FABRIKAM_HOOK, false, List.of(), List.of());
	}

}
