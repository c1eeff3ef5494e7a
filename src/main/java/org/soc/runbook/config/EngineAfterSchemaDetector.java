package org.soc.runbook.config;

import java.util.Set;

import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the process engine wait for the database initialization (Liquibase in production, schema.sql in the demo):
 * in production the engine does not create tables itself, so it must not start before they exist. Registered in
 * {@code META-INF/spring.factories}, Spring Boot's own mechanism for beans that need an initialized database.
 */
class EngineAfterSchemaDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(ProcessEngineFactoryBean.class);
	}

}
