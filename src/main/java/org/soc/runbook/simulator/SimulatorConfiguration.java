package org.soc.runbook.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationPredicate;
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

	@Bean
	SimulatedTenant simulatedTenant(TenantProperties tenant, SimulatorProperties properties) {
		SimulatedTenant simulated = new SimulatedTenant(tenant.tenantId(), properties);
		simulated.registerApplication(tenant.clientId(), tenant.clientSecret());
		if (properties.seedDemoTenant()) {
			DemoTenantSeed.seed(simulated);
		}
		return simulated;
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
	SimulatorGate simulatorGate(SimulatedTenant tenant, ObjectMapper json) {
		return new SimulatorGate(tenant, json);
	}

}
