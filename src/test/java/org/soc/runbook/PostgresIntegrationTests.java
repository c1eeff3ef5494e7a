package org.soc.runbook;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application on a real PostgreSQL with the production schema path: Liquibase creates Camunda's schema (Camunda's
 * own changelog) and the runbook's tables before the engine starts, and the engine, which no longer creates tables,
 * runs on them; deployment, users and the tenant clients all work.
 */
@Tag("own-jvm")
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.liquibase.enabled=true",
				"spring.liquibase.change-log=classpath:db/changelog/runbook-changelog.xml", "spring.sql.init.mode=never",
				"camunda.bpm.database.schema-update=false" })
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

	ExchangeOnlineClient exchange;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	SpringLiquibase liquibase;

	/** The single tenant's clients: the deployment under test serves one. */
	@Autowired
	void singleTenantClients(RunbookTenants tenants) {
		this.exchange = tenants.clients(null).exchange();
	}

	@Test
	void theEngineRunsOnPostgresql() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getDatabaseType()).isEqualTo("postgres");
		assertThat(this.engine.getIdentityService().checkPassword("analyst", "analyst")).isTrue();
	}

	@Test
	void batchedInsertsReachPostgresqlAsMultiRowInserts() {
		this.jdbc.execute("CREATE TABLE batch_probe (n int)");
		try {
			int[] counts = this.jdbc.batchUpdate("INSERT INTO batch_probe VALUES (?)",
					List.of(new Object[] { 1 }, new Object[] { 2 }, new Object[] { 3 }));
			// One statement per row reports 1 for each; rows the driver sent as one multi-row insert report "no info".
			assertThat(counts).contains(Statement.SUCCESS_NO_INFO);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM batch_probe", Integer.class)).isEqualTo(3);
		}
		finally {
			this.jdbc.execute("DROP TABLE batch_probe");
		}
	}

	@Test
	void everyConnectionPlansCamundasStatementsOnce() throws SQLException {
		// Each pooled connection is its own session: hold several at once, so that no single one answers for all.
		List<Connection> held = new ArrayList<>();
		try {
			List<String> modes = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				Connection connection = this.dataSource.getConnection();
				held.add(connection);
				try (Statement sql = connection.createStatement();
						ResultSet result = sql.executeQuery("SHOW plan_cache_mode")) {
					result.next();
					modes.add(result.getString(1));
				}
			}
			assertThat(modes).hasSize(5).containsOnly("force_generic_plan");
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

	@Test
	void engineRestAuthenticatesAgainstUsersStoredInPostgresql() {
		ResponseEntity<String> response = this.http.withBasicAuth("admin", "admin")
			.getForEntity("/engine-rest/group?member=analyst", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("soc-analysts");
	}

	@Test
	void liquibaseCreatedEverySchemaOnceAndASecondRunChangesNothing() throws Exception {
		List<String> ran = this.jdbc.queryForList("SELECT id FROM databasechangelog ORDER BY orderexecuted",
				String.class);
		assertThat(ran).startsWith("7.16.0-baseline").contains("runbook-1-open-case", "runbook-2-notification-outbox");
		assertThat(ran).anyMatch((id) -> id.startsWith("7.23"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM runbook_notification", Integer.class)).isZero();
		// What a restart or a second node does: the same changelog again.
		this.liquibase.afterPropertiesSet();
		assertThat(this.jdbc.queryForList("SELECT id FROM databasechangelog", String.class)).hasSameSizeAs(ran);
	}

	@Test
	void theTenantClientsWorkInThisSetUpToo() {
		assertThat(this.exchange.getBlockedSenderAddresses()).extracting(BlockedSender::senderAddress)
			.contains(DemoTenantSeed.ADELE, DemoTenantSeed.MEGAN, DemoTenantSeed.JONI);
	}

}
