package org.soc.runbook.config;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Two settings of PostgreSQL's driver that the engine's workload needs, applied to every PostgreSQL pool that does
 * not set them itself (in its JDBC URL or its data source properties, which then win). Other databases (the demo's
 * H2) are left alone: H2 refuses settings it does not know.
 * <ul>
 * <li>{@code reWriteBatchedInserts}: Camunda flushes each transaction's inserts as JDBC batches (a step's variables,
 * their history, the change trail: most of the rows a case writes), and without this setting the driver still sends
 * them one statement per row. Camunda does not need the per-row counts rewritten inserts no longer report; it checks
 * counts only for updates and deletes, its optimistic locking.</li>
 * <li>{@code plan_cache_mode=force_custom_plan}, sent as the session's startup {@code options}: the driver prepares a
 * statement on the server after five uses, and PostgreSQL then plans it once for any parameter and keeps that plan
 * for the connection's life. Planned while the engine's runtime tables are small (a quiet night, a fresh start), the
 * variable look-up that every step runs became a scan of the whole of {@code ACT_RU_VARIABLE}, and stayed one when a
 * wave filled the table: 15 ms instead of 0.1 ms, eleven times a case, in one of the benchmark's runs (issue 9).
 * Planning each execution with its parameters keeps the indexes in use whatever the tables' size was.</li>
 * </ul>
 */
@Component
class PostgresConnectionSettings implements BeanPostProcessor {

	static final String BATCHED_INSERTS = "reWriteBatchedInserts";

	static final String OPTIONS = "options";

	static final String CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			setUnlessGiven(pool, BATCHED_INSERTS, "true");
			setUnlessGiven(pool, OPTIONS, CUSTOM_PLANS);
		}
		return bean;
	}

	private static void setUnlessGiven(HikariDataSource pool, String property, String value) {
		Map<Object, Object> given = pool.getDataSourceProperties();
		if (!given.containsKey(property) && !pool.getJdbcUrl().contains(property + "=")) {
			pool.addDataSourceProperty(property, value);
		}
	}

}
