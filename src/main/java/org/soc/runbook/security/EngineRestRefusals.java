package org.soc.runbook.security;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camunda's REST API ({@code /engine-rest}) answers the runbook's refusals with 400 and their sentence. */
@Configuration(proxyBeanMethods = false)
class EngineRestRefusals {

	@Bean
	ResourceConfigCustomizer refusalsAreBadRequests() {
		return (config) -> config.register(RefusalExceptionMapper.ForRestExceptions.class)
			.register(RefusalExceptionMapper.ForEngineExceptions.class);
	}

}
