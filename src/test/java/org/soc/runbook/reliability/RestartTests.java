package org.soc.runbook.reliability;

import org.soc.runbook.tenant.TestTenants;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.Decisions;
import org.soc.runbook.EngineDriver;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatorCall;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node stops while cases wait at every kind of wait state (a review task, an approval task, the verification timer,
 * a tenant call waiting for its retry); a new node starts on the same PostgreSQL; every case continues and ends
 * right, and no tenant-changing call is made twice (the simulated tenant, which outlives both nodes, keeps the log).
 * The job executor is off: the test runs the due jobs and moves the engine's clock.
 */
@Tag("own-jvm")
class RestartTests {

	private static EmbeddedPostgres postgres;

	private static ConfigurableApplicationContext tenantSide;

	private static SimulatedTenant tenant;

	@BeforeAll
	static void databaseAndTenant() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
		// The stand-in for Microsoft runs in a context of its own, so it survives the nodes' restarts.
		tenantSide = Nodes.tenantSide();
		tenant = tenantSide.getBean(SimulatedTenant.class);
		tenant.useClock(new EngineDriver.EngineClock());
	}

	@AfterAll
	static void stop() throws IOException {
		ClockUtil.reset();
		if (tenantSide != null) {
			tenantSide.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void everyWaitingCaseContinuesOnTheNextNodeAndNoTenantChangeIsRepeated() {
		ClockUtil.setCurrentTime(new Date());
		String inReview = restricted("restart.review@contoso.onmicrosoft.com");
		String inApproval = restricted("restart.approval@contoso.onmicrosoft.com");
		String verifying = restricted("restart.verify@contoso.onmicrosoft.com");
		String retrying = restricted("restart.retry@contoso.onmicrosoft.com");
		tenant.neverRelease(verifying);

		ConfigurableApplicationContext first = node("node-1");
		EngineDriver driver = driver(first);
		CaseStarter starter = first.getBean(CaseStarter.class);
		String reviewCase = starter.openMailboxCase(TestTenants.SINGLE, inReview, "test", "test").id();
		String approvalCase = starter.openMailboxCase(TestTenants.SINGLE, inApproval, "test", "test").id();
		String verifyCase = starter.openMailboxCase(TestTenants.SINGLE, verifying, "test", "test").id();
		driver.runDueJobs();
		driver.completeAs("analyst", "soc-analysts", task(first, approvalCase), Decisions.releaseMailbox());
		driver.completeAs("analyst", "soc-analysts", task(first, verifyCase), Decisions.releaseMailbox());
		driver.completeAs("secadmin", "security-admins", task(first, verifyCase), Decisions.approve());
		driver.runDueJobs();
		driver.advance(Duration.ofSeconds(1));
		// The fourth case meets a failing Graph: its password reset waits for a retry.
		tenant.faults().failFor(Duration.ofMinutes(10), 503, SimulatedApi.GRAPH);
		String retryCase = starter.openMailboxCase(TestTenants.SINGLE, retrying, "test", "test").id();
		driver.runDueJobs();
		RuntimeService before = first.getBean(RuntimeService.class);
		assertThat(before.createProcessInstanceQuery().processInstanceIds(
				java.util.Set.of(reviewCase, approvalCase, verifyCase, retryCase)).count()).isEqualTo(4);
		assertThat(first.getBean(ManagementService.class).createJobQuery().processInstanceId(retryCase).singleResult()
			.getRetries()).isBetween(1, 2);
		first.close();

		// Microsoft recovers while no node runs.
		tenant.faults().clear();
		tenant.resetControls();
		tenant.useClock(new EngineDriver.EngineClock());

		ConfigurableApplicationContext second = node("node-2");
		try {
			EngineDriver next = driver(second);
			next.advance(Duration.ofSeconds(2));
			next.completeAs("analyst", "soc-analysts", task(second, reviewCase), Decisions.releaseMailbox());
			next.completeAs("secadmin", "security-admins", task(second, reviewCase), Decisions.approve());
			next.completeAs("secadmin", "security-admins", task(second, approvalCase), Decisions.approve());
			next.completeAs("analyst", "soc-analysts", task(second, retryCase), Decisions.releaseMailbox());
			next.completeAs("secadmin", "security-admins", task(second, retryCase), Decisions.approve());
			for (int i = 0; i < 5; i++) {
				next.advance(Duration.ofSeconds(1));
			}
			HistoryService history = second.getBean(HistoryService.class);
			for (String caseId : List.of(reviewCase, approvalCase, verifyCase, retryCase)) {
				assertThat(history.createHistoricVariableInstanceQuery()
					.processInstanceId(caseId)
					.variableName(CaseVariables.CASE_OUTCOME)
					.singleResult()
					.getValue()).as(caseId).isEqualTo("releasedAndVerified");
			}
		}
		finally {
			second.close();
		}
		for (String mailbox : List.of(inReview, inApproval, verifying, retrying)) {
			String userId = tenant.userState(mailbox).id();
			assertThat(succeeded("resetPassword", userId)).as("password resets of " + mailbox).hasSize(1);
			assertThat(succeeded("revokeSignInSessions", userId)).as("revocations of " + mailbox).hasSize(1);
			assertThat(succeeded("Remove-BlockedSenderAddress", mailbox)).as("unblocks of " + mailbox).hasSize(1);
		}
	}

	private static List<SimulatorCall> succeeded(String operation, String target) {
		return tenant.calls(operation)
			.stream()
			.filter((c) -> c.target().equals(target) && c.status() < 300)
			.toList();
	}

	private static Task task(ConfigurableApplicationContext node, String caseId) {
		// The release path's task; the helpdesk's step waits beside it.
		Task task = node.getBean(TaskService.class)
			.createTaskQuery()
			.processInstanceId(caseId)
			.taskDefinitionKeyIn("Task_ReviewRecommendations", "Task_ApproveRelease")
			.singleResult();
		assertThat(task).as("a task of " + caseId).isNotNull();
		return task;
	}

	private static String restricted(String mailbox) {
		tenant.addUser(mailbox, "Restart User");
		tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		return mailbox;
	}

	private static EngineDriver driver(ConfigurableApplicationContext node) {
		return new EngineDriver(node.getBean(ManagementService.class), node.getBean(TaskService.class),
				node.getBean(IdentityService.class), node.getBean(HistoryService.class));
	}

	private static ConfigurableApplicationContext node(String name) {
		return Nodes.node(name, postgres, tenantSide, "--camunda.bpm.job-execution.enabled=false");
	}

}
