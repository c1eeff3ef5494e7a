package org.soc.runbook.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes, job executors on, one PostgreSQL: 200 restricted mailboxes pushed to both nodes' intake run from
 * detection to released and verified, reviews and approvals completed as they appear. No case is lost, no tenant
 * change is made twice (the simulated tenant's call log is the witness), and both nodes do work.
 */
@Tag("own-jvm")
class TwoNodesTests {

	private static final int CASES = 200;

	private static EmbeddedPostgres postgres;

	private static ConfigurableApplicationContext tenantSide;

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void twoNodes() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
		tenantSide = Nodes.tenantSide();
		nodeA = Nodes.node("node-a", postgres, tenantSide, "--spring.datasource.hikari.maximum-pool-size=20");
		nodeB = Nodes.node("node-b", postgres, tenantSide, "--spring.datasource.hikari.maximum-pool-size=20");
	}

	@AfterAll
	static void stop() throws IOException {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { nodeB, nodeA,
				tenantSide }) {
			if (context != null) {
				context.close();
			}
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void twoHundredCasesRunToVerifiedOnTwoNodesWithNothingLostOrDoneTwice() throws Exception {
		SimulatedTenant tenant = tenantSide.getBean(SimulatedTenant.class);
		List<String> mailboxes = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			String mailbox = "wave.user" + i + "@contoso.onmicrosoft.com";
			tenant.addUser(mailbox, "Wave User " + i);
			// Registered for self-service password reset: the helpdesk's step ends with "resets it themselves".
			tenant.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0199");
			tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=3000;");
			mailboxes.add(mailbox);
		}
		HttpClient http = HttpClient.newHttpClient();
		for (int i = 0; i < CASES; i++) {
			ConfigurableApplicationContext node = (i % 2 == 0) ? nodeA : nodeB;
			HttpRequest push = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
					+ node.getEnvironment().getProperty("local.server.port") + "/api/restrictions"))
				.header("Authorization", "Bearer test-intake-secret")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"mailbox\",\"address\":\"" + mailboxes.get(i)
						+ "\",\"source\":\"wave\"}"))
				.build();
			assertThat(http.send(push, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
		}

		HistoryService history = nodeA.getBean(HistoryService.class);
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
			Nodes.workTheQueues(nodeA);
			return history.createHistoricProcessInstanceQuery()
				.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
				.finished()
				.count() == CASES;
		});

		assertThat(history.createHistoricVariableInstanceQuery()
			.variableName(CaseVariables.CASE_OUTCOME)
			.list()
			.stream()
			.map((variable) -> variable.getValue())
			.collect(Collectors.toSet())).containsOnly("releasedAndVerified");
		assertThat(nodeA.getBean(RuntimeService.class).createIncidentQuery().count()).isZero();
		for (String mailbox : mailboxes) {
			String userId = tenant.userState(mailbox).id();
			assertThat(succeeded(tenant, "resetPassword", userId)).as("resets of " + mailbox).isEqualTo(1);
			assertThat(succeeded(tenant, "revokeSignInSessions", userId)).as("revocations of " + mailbox).isEqualTo(1);
			assertThat(succeeded(tenant, "Remove-BlockedSenderAddress", mailbox)).as("unblocks of " + mailbox)
				.isEqualTo(1);
		}
		Set<String> workers = history.createHistoricJobLogQuery()
			.successLog()
			.list()
			.stream()
			.map(HistoricJobLog::getHostname)
			.collect(Collectors.toSet());
		assertThat(workers).as("both nodes ran jobs").contains("node-a", "node-b");
	}

	private static long succeeded(SimulatedTenant tenant, String operation, String target) {
		return tenant.calls(operation).stream().filter((c) -> c.target().equals(target) && c.status() < 300).count();
	}

}
