package org.soc.runbook.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps Camunda from logging a throttled step as a failure. When Microsoft answers 429 with a Retry-After longer
 * than the client waits in place, the step's job ends with the exception and {@link ThrottledJobsWait} makes it due
 * again; the engine logs that exception twice on the way, at ERROR and WARN with the whole stack trace. In a wave
 * under throttling that is hundreds of errors for something that is not one, and alerts on ERROR go off. The
 * engine's lines with a {@code TenantThrottledException} in their cause chain are dropped here; {@link
 * ThrottledJobsWait} writes one line at INFO instead, and {@code runbook_tenant_throttled_total} counts each 429.
 * Anything else the engine logs passes unchanged.
 */
final class ThrottledJobLogFilter extends TurboFilter {

	static final String NAME = "runbook-throttled-jobs";

	ThrottledJobLogFilter() {
		setName(NAME);
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable t) {
		// Asked for every logging call, enabled or not: the level first, so that Camunda's many debug checks cost one
		// comparison.
		if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null
				|| !logger.getName().startsWith("org.camunda.bpm.engine")) {
			return FilterReply.NEUTRAL;
		}
		// Camunda passes the exception as the last parameter of a formatted message, not as the throwable.
		Throwable failure = t;
		if (failure == null && params != null && params.length > 0
				&& params[params.length - 1] instanceof Throwable last) {
			failure = last;
		}
		return (failure != null && ThrottledJobsWait.throttled(failure) != null) ? FilterReply.DENY
				: FilterReply.NEUTRAL;
	}

}
