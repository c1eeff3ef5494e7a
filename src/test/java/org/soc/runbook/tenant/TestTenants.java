package org.soc.runbook.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;

import org.springframework.util.unit.DataSize;

/** Tenants for tests that need no application: the single tenant, a customer's, and clients handed to a delegate. */
public final class TestTenants {

	/** The single tenant of a deployment configured under {@code runbook.tenant.*} (no Camunda tenant). */
	public static final RunbookTenant SINGLE = RunbookTenant.single(properties("contoso.onmicrosoft.com"));

	private TestTenants() {
	}

	/** A customer's entry that names its Entra tenant and nothing else. */
	public static TenantsProperties.Entry entry(String tenantId) {
		return entry(tenantId, null);
	}

	/** A customer's entry with its Entra tenant and how often its lists are read. */
	public static TenantsProperties.Entry entry(String tenantId, Duration pollInterval) {
		return new TenantsProperties.Entry(null, tenantId, null, null, null, null, null, null, null, null, null,
				pollInterval, null, null, null, false, List.of(), List.of());
	}

	/** A customer's tenant with this key and Entra tenant, nothing else set. */
	public static RunbookTenant customer(String key, String tenantId) {
		return RunbookTenant.of(key, new TenantsProperties.Entry(null, tenantId, null, null, null, null, null, null,
				null, null, null, null, null, null, null, false, List.of(), List.of()), properties(tenantId));
	}

	/** A customer's tenant that enforces MFA its own way. */
	public static RunbookTenant customer(String key, String tenantId, String mfaStrategy, String mfaGroupId) {
		return RunbookTenant.of(key, new TenantsProperties.Entry(null, tenantId, null, null, null, null, null, null,
				null, null, null, null, mfaStrategy, mfaGroupId, null, false, List.of(), List.of()),
				properties(tenantId));
	}

	/** Every case's calls go to these clients, whatever its tenant. */
	public static Tenants of(GraphClient graph, ExchangeOnlineClient exchange) {
		return Tenants.only(TenantClients.of(SINGLE, graph, exchange));
	}

	/** A deployment of the single tenant whose calls go to these clients. */
	public static RunbookTenants single(GraphClient graph, ExchangeOnlineClient exchange) {
		return new RunbookTenants(SINGLE.connection(), new TenantsProperties(Map.of()),
				(tenant) -> TenantClients.of(tenant, graph, exchange));
	}

	/** A tenant's clients by Camunda tenant id: these for the single tenant, those for the customer. */
	public static Tenants of(TenantClients single, TenantClients customer) {
		return (camundaTenantId) -> (camundaTenantId == null) ? single
				: camundaTenantId.equals(customer.tenant().camundaTenantId()) ? customer : fail(camundaTenantId);
	}

	private static TenantClients fail(String camundaTenantId) {
		throw new Tenants.UnknownTenantException("no tenant " + camundaTenantId);
	}

	static TenantProperties properties(String tenantId) {
		return new TenantProperties(tenantId, "runbook-app", "secret", URI.create("https://login.microsoftonline.com"),
				URI.create("https://graph.microsoft.com"), URI.create("https://outlook.office365.com"),
				"https://graph.microsoft.com/.default", "https://outlook.office365.com/.default", Duration.ofSeconds(5),
				Duration.ofSeconds(30), Duration.ofSeconds(10), 3, Duration.ofSeconds(2), 1000,
				DataSize.ofMegabytes(16), 200, MicrosoftCloud.GLOBAL, null, null, null);
	}

}
