package org.soc.runbook.simulator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every simulated Microsoft 365 tenant, one per tenant the runbook serves, each with its own users, lists, tokens,
 * faults and throttling: a customer's wave or outage in one leaves the others alone, as at Microsoft. A request
 * reaches its tenant the way Microsoft routes it: the token endpoint and Exchange Online by the tenant in the path,
 * Graph by the tenant that issued the bearer token.
 */
public final class SimulatedTenants {

	private final Map<String, SimulatedTenant> byTenantId = new LinkedHashMap<>();

	private final SimulatedTenant primary;

	SimulatedTenants(SimulatedTenant primary, List<SimulatedTenant> others) {
		this.primary = primary;
		this.byTenantId.put(primary.tenantId().toLowerCase(Locale.ROOT), primary);
		others.forEach((tenant) -> this.byTenantId.putIfAbsent(tenant.tenantId().toLowerCase(Locale.ROOT), tenant));
	}

	/** The first tenant: the single tenant's, or the one {@code runbook.tenant.tenant-id} names. */
	public SimulatedTenant primary() {
		return this.primary;
	}

	/** The simulated tenant with this Entra tenant id; null when none is simulated. */
	public SimulatedTenant byTenantId(String tenantId) {
		return (tenantId != null) ? this.byTenantId.get(tenantId.toLowerCase(Locale.ROOT)) : null;
	}

	/** Every simulated tenant. */
	public Collection<SimulatedTenant> all() {
		return List.copyOf(this.byTenantId.values());
	}

	/** The tenant that issued the bearer token, or the primary one (which then refuses it, as before). */
	SimulatedTenant issuerOf(String authorization) {
		if (authorization != null && authorization.startsWith("Bearer ")) {
			String token = authorization.substring("Bearer ".length()).trim();
			for (SimulatedTenant tenant : this.byTenantId.values()) {
				if (tenant.issued(token)) {
					return tenant;
				}
			}
		}
		return this.primary;
	}

}
