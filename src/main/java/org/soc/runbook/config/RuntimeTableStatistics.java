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
 * Analyzes Camunda's runtime tables on PostgreSQL as soon as a wave has filled them (a look every five seconds),
 * instead of whenever autovacuum comes round. PostgreSQL's driver prepares a statement on the server after five uses,
 * and the server keeps one plan for it, made for the table as it was, until the table is analyzed again. Made while
 * the runtime tables were nearly empty (a quiet night, the minute after the previous wave drained), the variable
 * look-up every step runs stays a scan of the whole of {@code ACT_RU_VARIABLE} once a wave has filled it: 15 ms
 * instead of 0.1 ms, eleven times a case, in one of the benchmark's runs (issue 9). Autovacuum looks at most once a
 * minute ({@code autovacuum_naptime}), about as long as a wave of 1,000 cases takes. An analyzed table makes every
 * connection plan its statements again, for the table's real size, with its indexes. Planning every execution
 * instead ({@code plan_cache_mode=force_custom_plan}) also avoids the scan, but cost 21 ms of the database's time per
 * case.
 * <p>
 * Other databases (the demo's H2) are left alone. A table the runbook's database user does not own is skipped by
 * PostgreSQL with a warning in its own log.
 */
@Component
class RuntimeTableStatistics implements SchedulingConfigurer {

	private static final Logger LOG = LoggerFactory.getLogger(RuntimeTableStatistics.class);

	/**
	 * Shorter than the shortest wave worth the name (200 cases ran through review and approval in 8 s in the
	 * benchmark); one cheap catalog query when nothing changed.
	 */
	private static final Duration ROUND = Duration.ofSeconds(5);

	/**
	 * A table is analyzed once it holds more than this many times the rows its statistics know of... A wave's churn
	 * on a table already analyzed at its size changes nothing a plan depends on, and each analysis makes every
	 * connection plan the table's statements again.
	 */
	private static final int GROWTH = 2;

	/**
	 * ...plus this many: a handful of cases on a quiet table is no reason, a hundred is. At 500, a wave of 200 cases
	 * (a few hundred executions) stayed under the mark: reading an execution by id, and the foreign-key check of every
	 * variable insert, scanned the table with the plan made while it held one case, and a case's database time went
	 * from 36 to 53 ms in one benchmark run.
	 */
	private static final int MIN_ROWS = 100;

	/**
	 * Read by every step, by execution, instance or job; and the grants, which Camunda adds a row to for each open
	 * task's candidate group and reads in every task query and completion under authorization (in a benchmark run,
	 * the completion's check took 1 ms instead of a fraction, twice a case, with a thousand review tasks open).
	 * PostgreSQL folds the names to lower case.
	 */
	private static final List<String> TABLES = List.of("act_ru_variable", "act_ru_execution", "act_ru_job",
			"act_ru_task", "act_ru_identitylink", "act_ru_event_subscr", "act_ru_authorization");

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

	/** Analyzes the runtime tables that grew well beyond what their statistics know of; returns their names. */
	List<String> refresh() {
		if (this.postgres == null) {
			this.postgres = this.jdbc.execute((ConnectionCallback<Boolean>) (connection) -> "PostgreSQL"
				.equals(connection.getMetaData().getDatabaseProductName()));
		}
		if (!Boolean.TRUE.equals(this.postgres)) {
			return List.of();
		}
		// reltuples: the rows the statistics know of (-1 before the first analysis); n_live_tup: the rows now.
		List<String> stale = this.jdbc.queryForList("SELECT s.relname FROM pg_stat_user_tables s "
				+ "JOIN pg_class c ON c.oid = s.relid WHERE s.schemaname = current_schema() "
				+ "AND s.relname::text = ANY (?) AND s.n_live_tup > ? * greatest(c.reltuples, 0) + ?", String.class,
				TABLES.toArray(new String[0]), GROWTH, MIN_ROWS);
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
