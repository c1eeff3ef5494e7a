package org.soc.runbook.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code production} profile as an operator starts it, on a real PostgreSQL, with nothing but the documented
 * settings: Liquibase builds the schema, the processes deploy, there are no demo users and no simulator, and
 * readiness reports that Microsoft cannot be reached (this machine has no way to it) while liveness is fine. With
 * no administrator yet, Camunda's first-administrator set-up stays closed to the first anonymous visitor.
 */
@Tag("own-jvm")
class ProductionProfileTests {

	@Test
	void theProductionProfileStartsOnPostgresqlFromItsDocumentedSettingsOnly() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			SpringApplication application = new SpringApplication(RunbookApplication.class);
			application.setAdditionalProfiles("production");
			try (ConfigurableApplicationContext production = application.run("--server.port=0",
					"--RUNBOOK_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--RUNBOOK_DB_USERNAME=postgres",
					"--RUNBOOK_DB_PASSWORD=postgres", "--RUNBOOK_TENANT_ID=contoso.onmicrosoft.com",
					"--RUNBOOK_CLIENT_ID=00000000-0000-0000-0000-000000000001", "--RUNBOOK_CLIENT_SECRET=not-a-real-secret",
					// Unreachable on purpose, and quickly: nothing here may leave the machine.
					"--runbook.tenant.authority=http://127.0.0.1:9/", "--runbook.tenant.connect-timeout=1s")) {
				JdbcTemplate jdbc = production.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList("SELECT id FROM databasechangelog", String.class))
					.contains("7.16.0-baseline", "runbook-1-open-case", "runbook-2-notification-outbox",
							"runbook-4-refusals");
				assertThat(production.getBean(RepositoryService.class)
					.createProcessDefinitionQuery()
					.list()
					.stream()
					.map((definition) -> definition.getKey())
					.distinct()
					.toList()).containsExactlyInAnyOrderElementsOf(List.of("restricted-user-remediation",
							"restricted-connector-remediation", "verify-release", "restriction-detection"));
				assertThat(production.getBean(IdentityService.class).createUserQuery().userId("analyst").count())
					.as("no demo users")
					.isZero();
				assertThat(production.containsBean("simulatedTenant")).isFalse();
				String port = production.getEnvironment().getProperty("local.server.port");
				assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
				assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
				assertThat(status(port, "/sim/login")).isIn(401, 404);
				// No administrator exists yet, and Camunda's set-up page would make the first visitor one.
				assertThat(production.getBean(IdentityService.class).createUserQuery().memberOfGroup("camunda-admin")
					.count()).isZero();
				HttpRequest setup = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + port + "/camunda/api/admin/setup/default/user/create"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"profile\":{\"id\":\"firstcomer\"},\"credentials\":{\"password\":\"x\"}}"))
					.build();
				assertThat(HttpClient.newHttpClient().send(setup, HttpResponse.BodyHandlers.discarding()).statusCode())
					.isEqualTo(403);
				assertThat(production.getBean(IdentityService.class).createUserQuery().userId("firstcomer").count())
					.isZero();
			}
		}
	}

	private static int status(String port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
