package org.soc.runbook.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationPredicate;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The simulated Microsoft 365 tenant, on only when {@code runbook.simulator.enabled} is true (the demo and the tests;
 * the production profile turns it off). It registers the app registration the configuration names, so the real
 * clients sign in to it exactly as they would to Microsoft.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "true")
class SimulatorConfiguration {

	/**
	 * One simulated tenant per tenant the runbook serves, each registering the app with that tenant's client id and
	 * secret. The demo seeds Contoso (the primary tenant) and gives every other tenant a few restricted mailboxes of
	 * its own.
	 */
	@Bean
	SimulatedTenants simulatedTenants(TenantProperties shared, RunbookTenants served, SimulatorProperties properties) {
		SimulatedTenant primary = null;
		List<SimulatedTenant> others = new ArrayList<>();
		for (RunbookTenant tenant : served.all()) {
			TenantProperties connection = tenant.connection();
			SimulatedTenant simulated = new SimulatedTenant(connection.tenantId(), properties);
			simulated.registerApplication(connection.clientId(), connection.clientSecret());
			if (primary == null && (served.single() || connection.tenantId().equalsIgnoreCase(shared.tenantId()))) {
				primary = simulated;
			}
			else {
				others.add(simulated);
			}
		}
		if (primary == null && others.isEmpty()) {
			// A tenants file that lists no customer yet: the shared settings' tenant stands in until one comes.
			primary = new SimulatedTenant(shared.tenantId(), properties);
			primary.registerApplication(shared.clientId(), shared.clientSecret());
		}
		else if (primary == null) {
			primary = others.remove(0);
		}
		if (properties.seedDemoTenant()) {
			DemoTenantSeed.seed(primary);
			others.forEach(DemoTenantSeed::seedCustomer);
		}
		return new SimulatedTenants(primary, others, properties);
	}

	/** The primary simulated tenant: the only one of a single-tenant deployment. */
	@Bean
	SimulatedTenant simulatedTenant(SimulatedTenants tenants) {
		return tenants.primary();
	}

	@Bean
	SimulatorEndpoints simulatorEndpoints() {
		return new SimulatorEndpoints();
	}

	/**
	 * The simulator stands in for Microsoft: its requests are the tenant's traffic, not the application's, so they
	 * stay out of {@code http_server_requests} (the client side is {@code runbook_tenant_calls}). In a wave they
	 * were most of the server's requests, and observing each one cost CPU the benchmark charged to the runbook.
	 */
	@Bean
	ObservationPredicate simulatorRequestsUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier().getRequestURI().startsWith(SimulatorEndpoints.PATH + "/"));
	}

	@Bean
	SimulatorGate simulatorGate(SimulatedTenants tenants, ObjectMapper json) {
		return new SimulatorGate(tenants, json);
	}

}
