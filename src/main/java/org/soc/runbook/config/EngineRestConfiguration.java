package org.soc.runbook.config;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's REST API ({@code /engine-rest}). */
@Configuration(proxyBeanMethods = false)
class EngineRestConfiguration {

	@Bean
	ResourceConfigCustomizer refusalsAreBadRequests() {
		return (config) -> config.register(RefusalExceptionMapper.ForRestExceptions.class).register(RefusalExceptionMapper.ForEngineExceptions.class);
	}

}
