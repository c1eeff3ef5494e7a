package org.soc.runbook.tenant;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Readiness follows the tenant, liveness does not: while Microsoft answers nothing but 5xx the node reports itself not
 * ready (a load balancer sends it no work) but alive (nobody restarts it); when the tenant answers again, it is ready.
 */
@RunbookIntegrationTest
class TenantHealthTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	ExchangeOnlineClient exchange;

	/** The single tenant's clients: the deployment under test serves one. */
	@Autowired
	void singleTenantClients(RunbookTenants tenants) {
		this.exchange = tenants.clients(null).exchange();
	}

	@AfterEach
	void reset() {
		this.tenant.faults().clear();
		this.tenant.resetControls();
	}

	@Test
	void readinessFailsWhileTheTenantCannotBeReachedAndLivenessDoesNot() {
		this.exchange.getBlockedSenderAddresses();
		assertThat(status("/actuator/health/readiness")).isEqualTo(HttpStatus.OK);

		this.tenant.faults().failFor(Duration.ofMinutes(5), 503, SimulatedApi.GRAPH, SimulatedApi.EXCHANGE);
		for (int i = 0; i < TenantHealthIndicator.FAILURES_IN_A_ROW; i++) {
			assertThat(catchThrowable(() -> this.exchange.getBlockedSenderAddresses()))
				.isInstanceOf(TenantException.class);
		}
		assertThat(status("/actuator/health/readiness")).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(status("/actuator/health/liveness")).isEqualTo(HttpStatus.OK);

		this.tenant.faults().clear();
		this.exchange.getBlockedSenderAddresses();
		assertThat(status("/actuator/health/readiness")).isEqualTo(HttpStatus.OK);
	}

	private HttpStatus status(String path) {
		return HttpStatus.valueOf(this.http.getForEntity(path, String.class).getStatusCode().value());
	}

}
