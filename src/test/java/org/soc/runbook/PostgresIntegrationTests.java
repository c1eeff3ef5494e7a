package org.soc.runbook;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.tenant.BlockedSender;
import org.soc.runbook.tenant.ExchangeOnlineClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The application on a real PostgreSQL: schema, deployment, users and the tenant clients all work on it. */
@Tag("own-jvm")
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(EmbeddedPostgresConfiguration.class)
// Close the context before the JVM exits: at exit the database's own shutdown hook would stop PostgreSQL while the
// engine and the pool still use it, and the fork would hang until surefire kills it (30 s).
@DirtiesContext
class PostgresIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ExchangeOnlineClient exchange;

	@Test
	void theEngineRunsOnPostgresql() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getDatabaseType()).isEqualTo("postgres");
		assertThat(this.engine.getIdentityService().checkPassword("analyst", "analyst")).isTrue();
	}

	@Test
	void engineRestAuthenticatesAgainstUsersStoredInPostgresql() {
		ResponseEntity<String> response = this.http.withBasicAuth("admin", "admin")
			.getForEntity("/engine-rest/group?member=analyst", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("soc-analysts");
	}

	@Test
	void theTenantClientsWorkInThisSetUpToo() {
		assertThat(this.exchange.getBlockedSenderAddresses()).extracting(BlockedSender::senderAddress)
			.contains(DemoTenantSeed.ADELE, DemoTenantSeed.MEGAN, DemoTenantSeed.JONI);
	}

}
