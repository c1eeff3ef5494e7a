package org.soc.runbook.reliability;

import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.soc.runbook.Decisions;
import org.soc.runbook.RunbookApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Application contexts for tests of more than one node: a tenant side that serves the simulated Microsoft 365 tenant
 * and outlives the nodes, and runbook nodes on one shared PostgreSQL that reach it over HTTP as they would reach
 * Microsoft.
 */
final class Nodes {

	private Nodes() {
	}

	/** The simulated tenant, in a context of its own (its own in-memory engine does nothing). */
	static ConfigurableApplicationContext tenantSide() {
		SpringApplication application = new SpringApplication(RunbookApplication.class);
		application.setAdditionalProfiles("test");
		return application.run("--server.port=0", "--camunda.bpm.job-execution.enabled=false",
				"--camunda.bpm.generic-properties.properties.hostname=tenant");
	}

	/** A runbook node named {@code name} on the database, talking to the tenant side. */
	static ConfigurableApplicationContext node(String name, EmbeddedPostgres postgres,
			ConfigurableApplicationContext tenantSide, String... more) {
		String sim = "http://127.0.0.1:" + tenantSide.getEnvironment().getProperty("local.server.port") + "/sim";
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--camunda.bpm.generic-properties.properties.hostname=" + name, "--runbook.simulator.enabled=false",
				"--runbook.tenant.authority=" + sim + "/login", "--runbook.tenant.graph-url=" + sim + "/graph",
				"--runbook.tenant.exchange-url=" + sim + "/exo",
				"--runbook.tenant.client-secret=" + tenantSide.getEnvironment().getProperty("runbook.tenant.client-secret")));
		arguments.addAll(List.of(more));
		SpringApplication application = new SpringApplication(RunbookApplication.class);
		application.setAdditionalProfiles("test");
		return application.run(arguments.toArray(String[]::new));
	}

	/**
	 * What the analysts, security administrators and the helpdesk do: every waiting review, approval and helpdesk
	 * step, completed.
	 */
	static void workTheQueues(ConfigurableApplicationContext node) {
		TaskService tasks = node.getBean(TaskService.class);
		IdentityService identity = node.getBean(IdentityService.class);
		for (Task task : tasks.createTaskQuery().list()) {
			Decisions.Worker worker = Decisions.worker(task.getTaskDefinitionKey());
			identity.setAuthentication(worker.user(), List.of(worker.group()));
			try {
				tasks.complete(task.getId(), worker.answers());
			}
			catch (RuntimeException raced) {
				// Completed meanwhile, or the database is briefly away: tried again on the next round.
			}
			finally {
				identity.clearAuthentication();
			}
		}
	}

}
