package org.soc.runbook.config;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Analyzes Camunda's runtime tables on PostgreSQL as soon as a wave has changed them, every ten seconds, instead of
 * whenever autovacuum comes round. PostgreSQL's driver prepares a statement on the server after five uses, and the
 * server keeps one plan for it, made for the table as it was, until the table is analyzed again. Made while the
 * runtime tables were nearly empty (a quiet night, the minute after the previous wave drained), the variable look-up
 * every step runs stays a scan of the whole of {@code ACT_RU_VARIABLE} once a wave has filled it: 15 ms instead of
 * 0.1 ms, eleven times a case, in one of the benchmark's runs (issue 9). Autovacuum looks at most once a minute
 * ({@code autovacuum_naptime}), about as long as a wave of 1,000 cases takes. An analyzed table makes every connection
 * plan its statements again, for the table's real size, with its indexes. Planning every execution instead
 * ({@code plan_cache_mode=force_custom_plan}) also avoids the scan, but cost 21 ms of the database's time per case.
 * <p>
 * Other databases (the demo's H2) are left alone. A table the runbook's database user does not own is skipped by
 * PostgreSQL with a warning in its own log.
 */
@Component
class RuntimeTableStatistics implements SchedulingConfigurer {

	private static final Logger LOG = LoggerFactory.getLogger(RuntimeTableStatistics.class);

	/** Shorter than the shortest wave worth the name; one cheap catalog query when nothing changed. */
	private static final Duration ROUND = Duration.ofSeconds(10);

	/** A table is analyzed again once this many of its rows were inserted, updated or deleted... */
	private static final long MIN_CHANGES = 500;

	/** ...and at least this share of its rows: the statistics of a table already large stay true for longer. */
	private static final double MIN_SHARE = 0.2;

	/** Read by every step, by execution, instance or job; PostgreSQL folds their names to lower case. */
	static final List<String> TABLES = List.of("act_ru_variable", "act_ru_execution", "act_ru_job", "act_ru_task",
			"act_ru_identitylink", "act_ru_event_subscr");

	private final JdbcTemplate jdbc;

	private volatile Boolean postgres;

	RuntimeTableStatistics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::refreshQuietly, ROUND);
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			// The database being away is readiness's to report (db down), not a line every ten seconds.
			LOG.debug("Refreshing the runtime tables' statistics failed; the next round tries again", ex);
		}
	}

	/** Analyzes the runtime tables that changed enough since they last were; returns their names. */
	List<String> refresh() {
		if (this.postgres == null) {
			this.postgres = this.jdbc.execute((ConnectionCallback<Boolean>) (connection) -> "PostgreSQL"
				.equals(connection.getMetaData().getDatabaseProductName()));
		}
		if (!Boolean.TRUE.equals(this.postgres)) {
			return List.of();
		}
		List<String> stale = this.jdbc.queryForList("SELECT relname FROM pg_stat_user_tables "
				+ "WHERE schemaname = current_schema() AND relname::text = ANY (?) "
				+ "AND n_mod_since_analyze >= greatest(?, ? * n_live_tup)", String.class,
				TABLES.toArray(new String[0]), MIN_CHANGES, MIN_SHARE);
		for (String table : stale) {
			// Names from TABLES only: nothing from outside reaches this statement.
			this.jdbc.execute("ANALYZE " + table);
		}
		if (!stale.isEmpty()) {
			LOG.debug("Analyzed {}", stale);
		}
		return stale;
	}

}
