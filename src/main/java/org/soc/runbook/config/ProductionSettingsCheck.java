package org.soc.runbook.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code production} profile when a required setting is missing, naming each missing
 * environment variable, before anything connects anywhere. Runs after the configuration files are loaded, so
 * {@code application-production.yml} has already mapped the variables onto the settings.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

	/** The profile that runs against PostgreSQL and the real tenant. */
	public static final String PRODUCTION = "production";

	/** Setting → the environment variable that supplies it and what it is. */
	private static final Map<String, String[]> REQUIRED = new LinkedHashMap<>();

	static {
		REQUIRED.put("spring.datasource.url",
				new String[] { "RUNBOOK_DB_URL", "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/runbook" });
		REQUIRED.put("spring.datasource.username", new String[] { "RUNBOOK_DB_USERNAME", "database user" });
		REQUIRED.put("spring.datasource.password", new String[] { "RUNBOOK_DB_PASSWORD", "database password" });
		REQUIRED.put("runbook.tenant.tenant-id",
				new String[] { "RUNBOOK_TENANT_ID", "Entra tenant id (GUID or *.onmicrosoft.com domain)" });
		REQUIRED.put("runbook.tenant.client-id",
				new String[] { "RUNBOOK_CLIENT_ID", "application (client) id of the app registration" });
		REQUIRED.put("runbook.tenant.client-secret",
				new String[] { "RUNBOOK_CLIENT_SECRET", "client secret of the app registration" });
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of(PRODUCTION))) {
			return;
		}
		List<String> problems = new ArrayList<>();
		REQUIRED.forEach((key, variable) -> {
			String value = environment.getProperty(key);
			if (value == null || value.isBlank()) {
				problems.add(variable[0] + " (" + key + "): " + variable[1]);
			}
		});
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
			problems.add("RUNBOOK_DB_URL (spring.datasource.url): must be a PostgreSQL URL (jdbc:postgresql:...)");
		}
		if (environment.getProperty("runbook.simulator.enabled", Boolean.class, false)) {
			problems.add("RUNBOOK_SIMULATOR_ENABLED (runbook.simulator.enabled): the simulated tenant cannot run in "
					+ "production");
		}
		if (!problems.isEmpty()) {
			throw new MissingProductionSettingsException(problems);
		}
	}

	@Override
	public int getOrder() {
		// After ConfigDataEnvironmentPostProcessor has loaded application-production.yml.
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Thrown at start-up; {@link MissingProductionSettingsFailureAnalyzer} turns it into a readable report. */
	public static class MissingProductionSettingsException extends IllegalStateException {

		private final List<String> problems;

		MissingProductionSettingsException(List<String> problems) {
			super("The production profile cannot start; set: " + String.join("; ", problems));
			this.problems = List.copyOf(problems);
		}

		public List<String> problems() {
			return this.problems;
		}

	}

}
