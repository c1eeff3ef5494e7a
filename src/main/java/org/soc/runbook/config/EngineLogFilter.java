package org.soc.runbook.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops the engine's WARN and ERROR lines about a failure the runbook expects and reports itself in one line of its
 * own (a throttled tenant call, a refused request): the engine logs such a failure with its whole stack trace, and
 * alerts on ERROR would go off on normal work. A subclass says which failures; anything else the engine logs passes
 * unchanged.
 */
public abstract class EngineLogFilter extends TurboFilter {

	protected EngineLogFilter(String name) {
		setName(name);
	}

	/** Whether the failure (the logged exception) is one the runbook reports itself. */
	protected abstract boolean expected(Throwable failure);

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable t) {
		// Asked for every logging call, enabled or not: the level first, so that the engine's many debug checks cost
		// one comparison.
		if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null
				|| !logger.getName().startsWith("org.camunda.bpm")) {
			return FilterReply.NEUTRAL;
		}
		// Camunda passes the exception as the last parameter of a formatted message, not as the throwable.
		Throwable failure = t;
		if (failure == null && params != null && params.length > 0
				&& params[params.length - 1] instanceof Throwable last) {
			failure = last;
		}
		return (failure != null && expected(failure)) ? FilterReply.DENY : FilterReply.NEUTRAL;
	}

	/** Adds the filter to Logback, once per name (a second application context in one JVM adds nothing). */
	public static void install(EngineLogFilter filter) {
		ILoggerFactory loggers = LoggerFactory.getILoggerFactory();
		if (loggers instanceof LoggerContext logback && logback.getTurboFilterList()
			.stream()
			.noneMatch((installed) -> filter.getName().equals(installed.getName()))) {
			filter.setContext(logback);
			filter.start();
			logback.addTurboFilter(filter);
		}
	}

}
