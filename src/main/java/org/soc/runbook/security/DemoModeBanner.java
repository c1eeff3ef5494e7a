package org.soc.runbook.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.config.PublicAddress;

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

	private final PublicAddress address;

	DemoModeBanner(Environment environment, PublicAddress address) {
		this.environment = environment;
		this.address = address;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		LOG.warn("""

				================================================================================
				  DEMO MODE - not for production
				  Tenant:   simulated Contoso tenant (no call leaves this machine)
				  Database: {}
				  Tasklist: {}
				  Logins:   analyst, secadmin, lead, auditor, admin, monitor (password = user name)
				================================================================================""",
				this.environment.getProperty("spring.datasource.url"), this.address.tasklist());
	}

}
