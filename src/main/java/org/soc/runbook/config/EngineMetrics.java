package org.soc.runbook.config;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.stereotype.Component;

/**
 * The engine's backlog for Prometheus, next to the job executor's thread pool that Spring Boot already reports
 * ({@code executor_*{name="camundaTaskExecutor"}}): jobs due now and not yet run (a growing number means the node
 * cannot keep up, or the tenant throttles), and open incidents (steps that need an administrator). Read from the
 * database at each scrape, so every node reports the cluster's figure.
 */
@Component
class EngineMetrics {

	EngineMetrics(MeterRegistry registry, ManagementService management, RuntimeService runtime,
			IdentityService identity) {
		Gauge.builder("runbook.jobs.due", unrestricted(identity, () -> management.createJobQuery().executable().count()))
			.description("Jobs due now that no job executor has run yet (all process instances)")
			.register(registry);
		Gauge.builder("runbook.incidents.open", unrestricted(identity, () -> runtime.createIncidentQuery().count()))
			.description("Open incidents: steps waiting for an administrator to retry them")
			.register(registry);
	}

	/**
	 * Counts as the engine, not as the scraper: the monitoring user may see no process at all, and the figure is
	 * about the whole engine.
	 */
	private static Supplier<Number> unrestricted(IdentityService identity, Supplier<Long> count) {
		return () -> {
			Authentication caller = identity.getCurrentAuthentication();
			identity.clearAuthentication();
			try {
				return count.get();
			}
			finally {
				if (caller != null) {
					identity.setAuthentication(caller);
				}
			}
		};
	}

}
