package org.soc.runbook.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.TenantProperties;
import org.soc.runbook.tenant.TenantsChange;

import org.springframework.context.event.EventListener;

/**
 * Every simulated Microsoft 365 tenant, one per tenant the runbook serves, each with its own users, lists, tokens,
 * faults and throttling: a customer's wave or outage in one leaves the others alone, as at Microsoft. A request
 * reaches its tenant the way Microsoft routes it: the token endpoint and Exchange Online by the tenant in the path,
 * Graph by the tenant that issued the bearer token.
 */
public final class SimulatedTenants {

	private final Map<String, SimulatedTenant> byTenantId = Collections.synchronizedMap(new LinkedHashMap<>());

	private final SimulatedTenant primary;

	private final SimulatorProperties properties;

	SimulatedTenants(SimulatedTenant primary, List<SimulatedTenant> others) {
		this(primary, others, null);
	}

	SimulatedTenants(SimulatedTenant primary, List<SimulatedTenant> others, SimulatorProperties properties) {
		this.primary = primary;
		this.properties = properties;
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
		synchronized (this.byTenantId) {
			return List.copyOf(this.byTenantId.values());
		}
	}

	/**
	 * A tenant added to the runbook's tenants file is simulated from now on, as Microsoft would have it already; a
	 * changed one's app registration follows its client id and secret. A removed one stays: Microsoft's tenant does.
	 */
	@EventListener
	void tenantsChanged(TenantsChange change) {
		if (this.properties == null) {
			return;
		}
		List<RunbookTenant> changed = new ArrayList<>(change.added());
		changed.addAll(change.changed());
		for (RunbookTenant tenant : changed) {
			TenantProperties connection = tenant.connection();
			SimulatedTenant simulated = this.byTenantId.computeIfAbsent(
					connection.tenantId().toLowerCase(Locale.ROOT), (id) -> {
						SimulatedTenant created = new SimulatedTenant(connection.tenantId(), this.properties);
						if (this.properties.seedDemoTenant()) {
							DemoTenantSeed.seedCustomer(created);
						}
						return created;
					});
			simulated.registerApplication(connection.clientId(), connection.clientSecret());
		}
	}

	/** The tenant that issued the bearer token, or the primary one (which then refuses it, as before). */
	SimulatedTenant issuerOf(String authorization) {
		if (authorization != null && authorization.startsWith("Bearer ")) {
			String token = authorization.substring("Bearer ".length()).trim();
			for (SimulatedTenant tenant : all()) {
				if (tenant.issued(token)) {
					return tenant;
				}
			}
		}
		return this.primary;
	}

}
