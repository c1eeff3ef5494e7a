package org.soc.runbook.config;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Two settings for every PostgreSQL pool that does not make them itself; other databases (the demo's H2) are left
 * alone, since H2 refuses settings it does not know.
 * <ul>
 * <li><b>Batched inserts as multi-row inserts</b> ({@code reWriteBatchedInserts}). Camunda flushes each transaction's
 * inserts as JDBC batches (a step's variables, their history, the change trail: most of the rows a case writes), and
 * without it the driver still sends them one statement per row. Camunda does not need the per-row counts rewritten
 * inserts no longer report; it checks counts only for updates and deletes, its optimistic locking.
 * {@code reWriteBatchedInserts=false} in the JDBC URL turns it off.</li>
 * <li><b>Generic plans</b> ({@code plan_cache_mode=force_generic_plan}). Camunda's statements are short look-ups by
 * id whose best plan does not depend on the id, yet PostgreSQL kept planning some of them on every execution: the
 * variables of an execution, read by every step, were planned 11 times a case, 6 ms of the database's CPU, more
 * than their execution (benchmark, src/docs/performance.md). A plan made once per connection serves them all, and is
 * made again when a table is analyzed ({@link RuntimeTableStatistics}). An {@code options} setting in the JDBC URL
 * or the pool's data source properties replaces this one ({@code -c plan_cache_mode=auto} there goes back to
 * PostgreSQL's choice).</li>
 * </ul>
 */
@Component
class PostgresPoolSettings implements BeanPostProcessor {

	static final String BATCHED_INSERTS = "reWriteBatchedInserts";

	/** The driver's startup options: PostgreSQL settings for the session, {@code -c name=value}. */
	static final String OPTIONS = "options";

	static final String GENERIC_PLANS = "-c plan_cache_mode=force_generic_plan";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			if (!pool.getDataSourceProperties().containsKey(BATCHED_INSERTS)) {
				pool.addDataSourceProperty(BATCHED_INSERTS, "true");
			}
			if (!pool.getDataSourceProperties().containsKey(OPTIONS)
					&& !pool.getJdbcUrl().contains(OPTIONS + "=")) {
				pool.addDataSourceProperty(OPTIONS, GENERIC_PLANS);
			}
		}
		return bean;
	}

}
