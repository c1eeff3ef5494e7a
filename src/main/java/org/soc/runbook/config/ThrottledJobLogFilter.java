package org.soc.runbook.config;

/**
 * Keeps Camunda from logging a throttled step as a failure. When Microsoft answers 429 with a Retry-After longer
 * than the client waits in place, the step's job ends with the exception and {@link ThrottledJobsWait} makes it due
 * again; the engine logs that exception twice on the way, at ERROR and WARN with the whole stack trace. In a wave
 * under throttling that is hundreds of errors for something that is not one. The engine's lines with a {@code
 * TenantThrottledException} in their cause chain are dropped here; {@link ThrottledJobsWait} writes one line at INFO
 * instead (DEBUG for a call the client held back for containment), and {@code runbook_tenant_throttled_total} counts
 * each 429.
 */
final class ThrottledJobLogFilter extends EngineLogFilter {

	static final String NAME = "runbook-throttled-jobs";

	ThrottledJobLogFilter() {
		super(NAME);
	}

	@Override
	protected boolean expected(Throwable failure) {
		return ThrottledJobsWait.throttled(failure) != null;
	}

}
