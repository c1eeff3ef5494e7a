package org.soc.runbook.config;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL's driver send a JDBC batch of inserts as multi-row inserts. Camunda flushes each transaction's
 * inserts as JDBC batches (a step's variables, their history, the change trail: most of the rows a case writes), and
 * without this setting the driver still sends them one statement per row. Camunda does not need the per-row counts
 * rewritten inserts no longer report; it checks counts only for updates and deletes, its optimistic locking.
 * <p>
 * Applied to every PostgreSQL pool that does not set it itself; {@code reWriteBatchedInserts=false} in the JDBC URL
 * still turns it off. Other databases (the demo's H2) are left alone: H2 refuses settings it does not know.
 */
@Component
class PostgresBatchInserts implements BeanPostProcessor {

	static final String PROPERTY = "reWriteBatchedInserts";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")
				&& !pool.getDataSourceProperties().containsKey(PROPERTY)) {
			pool.addDataSourceProperty(PROPERTY, "true");
		}
		return bean;
	}

}
