package org.soc.runbook.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says loudly, once started, that this is the demo: simulated tenant, well-known passwords. */
@Component
@ConditionalOnProperty(name = "runbook.demo.enabled", havingValue = "true")
class DemoModeBanner {

	private static final Logger LOG = LoggerFactory.getLogger(DemoModeBanner.class);

	private final Environment environment;

	DemoModeBanner(Environment environment) {
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		String port = this.environment.getProperty("local.server.port", "8080");
		LOG.warn("""

				================================================================================
				  DEMO MODE - not for production
				  Tenant:   simulated Contoso tenant (no call leaves this machine)
				  Database: {}
				  Tasklist: http://localhost:{}/camunda/app/tasklist/
				  Logins:   analyst, secadmin, lead, auditor, admin, monitor (password = user name)
				================================================================================""",
				this.environment.getProperty("spring.datasource.url"), port);
	}

}
