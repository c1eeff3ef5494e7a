package org.soc.runbook.detection;

import org.soc.runbook.tenant.TestTenants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one real PostgreSQL: fifty simultaneous detections of the same mailbox (pushes to both
 * nodes' intake and starts by both nodes' pollers) open exactly one case, and every caller gets 201 or 200.
 */
@Tag("own-jvm")
class OneOpenCaseConcurrencyTests {

	private static final String MAILBOX = "race.user@contoso.onmicrosoft.com";

	private static EmbeddedPostgres postgres;

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void twoNodesOnOneDatabase() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
		nodeA = node("node-a");
		nodeB = node("node-b");
		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			SimulatedTenant tenant = node.getBean(SimulatedTenant.class);
			tenant.addUser(MAILBOX, "Race User");
			tenant.restrictSender(MAILBOX, "EmailSendingLimitExceeded;");
		}
	}

	@AfterAll
	static void stop() throws IOException {
		if (nodeB != null) {
			nodeB.close();
		}
		if (nodeA != null) {
			nodeA.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void fiftySimultaneousDetectionsOpenOneCase() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> outcomes = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			ConfigurableApplicationContext node = (i % 2 == 0) ? nodeA : nodeB;
			boolean push = i % 5 != 0;
			outcomes.add(pool.submit(() -> {
				start.await();
				if (push) {
					HttpRequest request = HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port")
								+ "/api/restrictions"))
						.header("Authorization", "Bearer test-intake-secret")
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers
							.ofString("{\"type\":\"mailbox\",\"address\":\"" + MAILBOX + "\",\"source\":\"race\"}"))
						.build();
					return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
				}
				// The poller's path: the same starter, called from the detection job.
				return node.getBean(CaseStarter.class).openMailboxCase(TestTenants.SINGLE, MAILBOX, "poller", "restriction-detection")
					.started() ? 201 : 200;
			}));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> outcome : outcomes) {
			statuses.add(outcome.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(statuses).containsOnly(201, 200);
		assertThat(statuses).filteredOn((s) -> s == 201).hasSize(1);
		assertThat(nodeA.getBean(RuntimeService.class)
			.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
			.processInstanceBusinessKey("mailbox:" + MAILBOX)
			.count()).isEqualTo(1);
	}

	private static ConfigurableApplicationContext node(String name) {
		SpringApplication application = new SpringApplication(RunbookApplication.class);
		application.setAdditionalProfiles("test");
		return application.run("--server.port=0",
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--spring.datasource.hikari.maximum-pool-size=20",
				// Only the starts race here; the cases' own jobs would add nothing to what is tested.
				"--camunda.bpm.job-execution.enabled=false",
				"--camunda.bpm.generic-properties.properties.hostname=" + name);
	}

}
