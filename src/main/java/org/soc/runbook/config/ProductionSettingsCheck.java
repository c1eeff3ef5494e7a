package org.soc.runbook.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.soc.runbook.tenant.TenantsProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code production} profile when a required setting is missing, or when a door the demo opens
 * is still open (the simulated tenant, the demo's people, the demo's intake secret or any of its well-known
 * passwords), naming each environment variable to change, before anything connects anywhere. Runs after the
 * configuration files are loaded, so {@code application-production.yml} has already mapped the variables onto the
 * settings.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

	/** The profile that runs against PostgreSQL and the real tenant. */
	public static final String PRODUCTION = "production";

	/** Setting → the environment variable that supplies it and what it is. */
	private static final Map<String, String[]> REQUIRED = new LinkedHashMap<>();

	/**
	 * Setting → the environment variable that supplies it, for every secret that must not be one the demo publishes
	 * (a password the README prints is no password).
	 */
	private static final Map<String, String> SECRETS = new LinkedHashMap<>();

	/**
	 * What the demo and its documentation publish: the demo people's passwords (their user names), the demo's intake
	 * secret, the tests' intake secret, and Camunda's own well-known demo logins.
	 */
	public static final Set<String> WELL_KNOWN_SECRETS = Set.of("analyst", "analyst2", "secadmin", "lead", "helpdesk", "auditor",
			"admin", "monitor", "demo-intake-token", "test-intake-secret", "demo", "camunda");

	static {
		SECRETS.put("spring.datasource.password", "RUNBOOK_DB_PASSWORD");
		SECRETS.put("runbook.tenant.client-secret", "RUNBOOK_CLIENT_SECRET");
		SECRETS.put("runbook.tenant.certificate-password", "RUNBOOK_CERTIFICATE_PASSWORD");
		SECRETS.put("runbook.detection.intake-secret", "RUNBOOK_INTAKE_SECRET");
		SECRETS.put("spring.mail.password", "SPRING_MAIL_PASSWORD");
		SECRETS.put("runbook.ldap.plugin.manager-password", "RUNBOOK_LDAP_PLUGIN_MANAGERPASSWORD");
		SECRETS.put("camunda.bpm.admin-user.password", "CAMUNDA_BPM_ADMINUSER_PASSWORD");
		REQUIRED.put("spring.datasource.url",
				new String[] { "RUNBOOK_DB_URL", "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/runbook" });
		REQUIRED.put("spring.datasource.username", new String[] { "RUNBOOK_DB_USERNAME", "database user" });
		REQUIRED.put("spring.datasource.password", new String[] { "RUNBOOK_DB_PASSWORD", "database password" });
		REQUIRED.put("runbook.tenant.tenant-id",
				new String[] { "RUNBOOK_TENANT_ID", "Entra tenant id (GUID or *.onmicrosoft.com domain)" });
		REQUIRED.put("runbook.tenant.client-id",
				new String[] { "RUNBOOK_CLIENT_ID", "application (client) id of the app registration" });
	}

	/** The app registration's credential: exactly one of these settings, each named by its environment variable. */
	private static final Map<String, String> CREDENTIALS = Map.of("runbook.tenant.client-secret",
			"RUNBOOK_CLIENT_SECRET", "runbook.tenant.certificate-file", "RUNBOOK_CERTIFICATE_FILE",
			"runbook.tenant.managed-identity", "RUNBOOK_MANAGED_IDENTITY");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of(PRODUCTION))) {
			return;
		}
		List<String> problems = new ArrayList<>();
		// Many tenants (runbook.tenants.<key>.*, or a tenants file): each names its own Entra tenant and may bring its own credential, so
		// runbook.tenant.* holds only what they share; a customer whose credential is missing is reported at start and
		// left out of service, not the whole deployment.
		boolean manyTenants = Binder.get(environment)
			.bind("runbook.tenants", Bindable.mapOf(String.class, TenantsProperties.Entry.class))
			.map((tenants) -> !tenants.isEmpty())
			.orElse(false) || !environment.getProperty("runbook.tenants-file.path", "").isBlank();
		REQUIRED.forEach((key, variable) -> {
			if (manyTenants && key.equals("runbook.tenant.tenant-id")) {
				return;
			}
			String value = environment.getProperty(key);
			if (value == null || value.isBlank()) {
				problems.add(variable[0] + " (" + key + "): " + variable[1]);
			}
		});
		long credentials = CREDENTIALS.keySet()
			.stream()
			.filter((key) -> !environment.getProperty(key, "").isBlank())
			.count();
		if (credentials > 1 || (credentials == 0 && !manyTenants)) {
			problems.add("one credential of the app registration, and only one: RUNBOOK_CERTIFICATE_FILE "
					+ "(runbook.tenant.certificate-file, with RUNBOOK_CERTIFICATE_PASSWORD for a .p12/.pfx), "
					+ "RUNBOOK_CLIENT_SECRET (runbook.tenant.client-secret) or RUNBOOK_MANAGED_IDENTITY "
					+ "(runbook.tenant.managed-identity: system, or a user-assigned identity's client id); "
					+ ((credentials == 0) ? "none is set" : credentials + " are set"));
		}
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
			problems.add("RUNBOOK_DB_URL (spring.datasource.url): must be a PostgreSQL URL (jdbc:postgresql:...)");
		}
		if (environment.getProperty("runbook.simulator.enabled", Boolean.class, false)) {
			problems.add("RUNBOOK_SIMULATOR_ENABLED (runbook.simulator.enabled): the simulated tenant cannot run in "
					+ "production");
		}
		if (environment.getProperty("runbook.demo.enabled", Boolean.class, false)) {
			problems.add("RUNBOOK_DEMO_ENABLED (runbook.demo.enabled): the demo's people, whose passwords are their "
					+ "names, cannot exist in production");
		}
		SECRETS.forEach((key, variable) -> {
			String value = environment.getProperty(key);
			if (value != null && WELL_KNOWN_SECRETS.contains(value.trim().toLowerCase(Locale.ROOT))) {
				problems.add(variable + " (" + key + "): is one of the demo's published secrets; choose your own");
			}
		});
		String adminId = environment.getProperty("camunda.bpm.admin-user.id");
		String adminSecret = environment.getProperty("camunda.bpm.admin-user.password");
		if (adminId != null && adminSecret != null && adminSecret.trim().equalsIgnoreCase(adminId.trim())) {
			problems.add("CAMUNDA_BPM_ADMINUSER_PASSWORD (camunda.bpm.admin-user.password): is the user's name, as the "
					+ "demo's are; choose a password");
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
