package org.soc.runbook.config;

import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.config.ProductionSettingsCheck.MissingProductionSettingsException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses to start without its settings, and says which. */
class ProductionSettingsCheckTests {

	@Test
	void productionWithoutEnvironmentRefusesToStartNamingEachVariable() {
		SpringApplication application = new SpringApplication(RunbookApplication.class);
		application.setAdditionalProfiles(ProductionSettingsCheck.PRODUCTION);
		assertThatThrownBy(application::run).isInstanceOfSatisfying(MissingProductionSettingsException.class,
				(ex) -> assertThat(String.join("\n", ex.problems())).contains("RUNBOOK_DB_URL", "RUNBOOK_DB_USERNAME",
						"RUNBOOK_DB_PASSWORD", "RUNBOOK_TENANT_ID", "RUNBOOK_CLIENT_ID", "RUNBOOK_CLIENT_SECRET"));
	}

	@Test
	void productionRefusesAnythingButPostgresql() {
		SpringApplication application = new SpringApplication(RunbookApplication.class);
		application.setAdditionalProfiles(ProductionSettingsCheck.PRODUCTION);
		assertThatThrownBy(() -> application.run("--spring.datasource.url=jdbc:h2:mem:prod",
				"--spring.datasource.username=sa", "--spring.datasource.password=x",
				"--runbook.tenant.tenant-id=contoso.onmicrosoft.com", "--runbook.tenant.client-id=abc",
				"--runbook.tenant.client-secret=def"))
			.isInstanceOfSatisfying(MissingProductionSettingsException.class,
					(ex) -> assertThat(ex.problems()).singleElement().asString().contains("must be a PostgreSQL URL"));
	}

	@Test
	void completeProductionSettingsPass() {
		new ProductionSettingsCheck().postProcessEnvironment(
				completeProduction().withProperty("runbook.simulator.enabled", "false"), new SpringApplication());
	}

	@Test
	void aCertificateOrAManagedIdentityStandsInForTheSecretButNeverTwoAtOnce() {
		MockEnvironment withCertificate = completeProduction().withProperty("runbook.tenant.client-secret", "")
			.withProperty("runbook.tenant.certificate-file", "/run/secrets/runbook.pfx");
		new ProductionSettingsCheck().postProcessEnvironment(withCertificate, new SpringApplication());
		MockEnvironment managed = completeProduction().withProperty("runbook.tenant.client-secret", "")
			.withProperty("runbook.tenant.managed-identity", "system");
		new ProductionSettingsCheck().postProcessEnvironment(managed, new SpringApplication());

		MockEnvironment both = completeProduction().withProperty("runbook.tenant.managed-identity", "system");
		assertThatThrownBy(() -> new ProductionSettingsCheck().postProcessEnvironment(both, new SpringApplication()))
			.isInstanceOfSatisfying(MissingProductionSettingsException.class, (ex) -> assertThat(ex.problems())
				.singleElement()
				.asString()
				.contains("only one", "RUNBOOK_CERTIFICATE_FILE", "RUNBOOK_MANAGED_IDENTITY", "2 are set"));
	}

	@Test
	void productionRefusesTheDoorsTheDemoOpensInOneReport() {
		MockEnvironment environment = completeProduction()
			.withProperty("runbook.demo.enabled", "true")
			.withProperty("runbook.detection.intake-secret", "demo-intake-token")
			.withProperty("camunda.bpm.admin-user.id", "ops")
			.withProperty("camunda.bpm.admin-user.password", "Admin")
			.withProperty("spring.mail.password", "secret-of-our-own");
		assertThatThrownBy(
				() -> new ProductionSettingsCheck().postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOfSatisfying(MissingProductionSettingsException.class, (ex) -> assertThat(ex.problems())
				.satisfiesExactly((demo) -> assertThat(demo).startsWith("RUNBOOK_DEMO_ENABLED"),
						(intake) -> assertThat(intake).startsWith("RUNBOOK_INTAKE_SECRET")
							.contains("one of the demo's published secrets"),
						(admin) -> assertThat(admin).startsWith("CAMUNDA_BPM_ADMINUSER_PASSWORD")
							.contains("published secrets"))
				.noneMatch((problem) -> problem.contains("demo-intake-token")));
	}

	private static MockEnvironment completeProduction() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/runbook")
			.withProperty("spring.datasource.username", "runbook")
			.withProperty("spring.datasource.password", "x")
			.withProperty("runbook.tenant.tenant-id", "contoso.onmicrosoft.com")
			.withProperty("runbook.tenant.client-id", "abc")
			.withProperty("runbook.tenant.client-secret", "def");
		environment.setActiveProfiles(ProductionSettingsCheck.PRODUCTION);
		return environment;
	}

	@Test
	void anAdministratorsPasswordIsNotTheirName() {
		MockEnvironment environment = completeProduction().withProperty("camunda.bpm.admin-user.id", "ops-admin")
			.withProperty("camunda.bpm.admin-user.password", "OPS-ADMIN");
		assertThatThrownBy(
				() -> new ProductionSettingsCheck().postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOfSatisfying(MissingProductionSettingsException.class, (ex) -> assertThat(ex.problems())
				.singleElement()
				.asString()
				.contains("is the user's name"));
	}

	@Test
	void theDemoIsNotChecked() {
		new ProductionSettingsCheck().postProcessEnvironment(new MockEnvironment(), new SpringApplication());
	}

	@Test
	void theFailureReportListsWhatToSet() {
		SpringApplication application = new SpringApplication(RunbookApplication.class);
		application.setAdditionalProfiles(ProductionSettingsCheck.PRODUCTION);
		try {
			application.run();
		}
		catch (MissingProductionSettingsException ex) {
			FailureAnalysis analysis = new MissingProductionSettingsFailureAnalyzer().analyze(ex);
			assertThat(analysis.getDescription()).contains("- RUNBOOK_TENANT_ID (runbook.tenant.tenant-id)");
			assertThat(analysis.getAction()).contains("environment variables");
			return;
		}
		throw new AssertionError("the production profile started without its settings");
	}

}
