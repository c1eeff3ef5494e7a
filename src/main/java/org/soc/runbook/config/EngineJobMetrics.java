package org.soc.runbook.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.Metrics;

import org.springframework.stereotype.Component;

/**
 * Camunda's own job executor metrics for Prometheus ({@code camunda_job_executor_total{event=...}}): acquisition
 * attempts, jobs acquired, acquisitions that found nothing, jobs the executor's queue rejected, jobs run and jobs
 * failed. Camunda counts them in meters that its database reporter empties every reporting interval; each meter is
 * replaced by one that also keeps a running total for this node, so the exported counters only ever grow and the
 * database reporter (Cockpit's metrics) goes on as before.
 */
@Component
class EngineJobMetrics extends AbstractProcessEnginePlugin {

	private static final List<String> JOB_METRICS = List.of(Metrics.JOB_ACQUISITION_ATTEMPT,
			Metrics.JOB_ACQUIRED_SUCCESS, Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_EXECUTION_REJECTED,
			Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED, Metrics.JOB_LOCKED_EXCLUSIVE);

	private final MeterRegistry registry;

	EngineJobMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		if (!configuration.isMetricsEnabled() || configuration.getMetricsRegistry() == null) {
			return;
		}
		Map<String, Meter> meters = configuration.getMetricsRegistry().getDbMeters();
		for (String name : JOB_METRICS) {
			TotalingMeter meter = new TotalingMeter(name);
			meters.put(name, meter);
			FunctionCounter.builder("camunda.job.executor", meter, TotalingMeter::total)
				.description("Camunda's job executor on this node: " + name)
				.tag("event", name)
				.register(this.registry);
		}
	}

	/** A Camunda meter that also remembers every occurrence since start-up. */
	static final class TotalingMeter extends Meter {

		private final AtomicLong total = new AtomicLong();

		TotalingMeter(String name) {
			super(name);
		}

		@Override
		public void mark() {
			super.mark();
			this.total.incrementAndGet();
		}

		@Override
		public void markTimes(long times) {
			super.markTimes(times);
			this.total.addAndGet(times);
		}

		double total() {
			return this.total.get();
		}

	}

}
