package org.soc.runbook.reliability;

import org.soc.runbook.tenant.TestTenants;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away mid-run and comes back: while it is away readiness says so and liveness does not; afterwards
 * the node carries on by itself (no restart) and every case started before the outage ends released and verified.
 */
@Tag("own-jvm")
class DatabaseOutageTests {

	private static final int CASES = 6;

	private static Path data;

	private static int port;

	private static EmbeddedPostgres postgres;

	private static ConfigurableApplicationContext tenantSide;

	private static ConfigurableApplicationContext node;

	@AfterAll
	static void stop() throws IOException {
		if (node != null) {
			node.close();
		}
		if (tenantSide != null) {
			tenantSide.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void theNodeRecoversByItselfAndNoCaseIsLost() throws Exception {
		data = Files.createTempDirectory("runbook-pg");
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		postgres = database();
		tenantSide = Nodes.tenantSide();
		// Jobs locked when the database vanished become free again after the lock time, kept short here.
		node = Nodes.node("node-outage", postgres, tenantSide,
				"--camunda.bpm.job-execution.lock-time-in-millis=5000",
				"--spring.datasource.hikari.connection-timeout=2000");
		SimulatedTenant tenant = tenantSide.getBean(SimulatedTenant.class);
		CaseStarter starter = node.getBean(CaseStarter.class);
		List<String> cases = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			String mailbox = "outage.user" + i + "@contoso.onmicrosoft.com";
			tenant.addUser(mailbox, "Outage User");
			// Registered for self-service password reset: the helpdesk's step ends with "resets it themselves".
			tenant.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0199");
			tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
			cases.add(starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test").id());
		}
		assertThat(probe("/actuator/health/readiness")).isEqualTo(200);

		postgres.close();
		await().atMost(Duration.ofSeconds(20)).until(() -> probe("/actuator/health/readiness") == 503);
		assertThat(probe("/actuator/health/liveness")).isEqualTo(200);
		Thread.sleep(3000);
		postgres = database();

		await().atMost(Duration.ofSeconds(30)).until(() -> probe("/actuator/health/readiness") == 200);
		HistoryService history = node.getBean(HistoryService.class);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			Nodes.workTheQueues(node);
			return history.createHistoricProcessInstanceQuery()
				.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
				.finished()
				.count() == CASES;
		});
		for (String id : cases) {
			assertThat(history.createHistoricVariableInstanceQuery()
				.processInstanceId(id)
				.variableName("caseOutcome")
				.singleResult()
				.getValue()).isEqualTo("releasedAndVerified");
		}
	}

	private static EmbeddedPostgres database() throws IOException {
		return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
	}

	private static int probe(String path) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port") + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
