package org.soc.runbook.reliability;

import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.Decisions;
import org.soc.runbook.EngineClockTests;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatorCall;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Microsoft throttling: a minute of 429s with a Retry-After longer than the client waits in place, and a fifth of all
 * calls throttled. Cases finish, nothing is sent before its Retry-After, and throttling alone raises no incident and
 * uses up no retry. The job executor is off; the engine's clock (which the simulator follows) is moved instead.
 */
class ThrottlingTests extends EngineClockTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aMinuteOfThrottlingIsWaitedOutAtTheRetryAfterWithoutUsingUpRetries(CapturedOutput output) {
		String mailbox = restrictedUser();
		this.tenant.faults().throttleFor(Duration.ofMinutes(1), Duration.ofSeconds(20), SimulatedApi.GRAPH,
				SimulatedApi.EXCHANGE);
		ProcessInstance pi = start(mailbox);
		Job load = this.managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
		int retries = load.getRetries();
		this.driver.runDueJobs();

		Job waiting = this.managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(waiting.getRetries()).as("throttling costs no retry").isEqualTo(retries);
		assertThat(waiting.getDuedate()).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 20_000), 2000);
		int calls = calls(mailbox).size();
		this.driver.advance(Duration.ofSeconds(19));
		assertThat(calls(mailbox)).as("nothing before the Retry-After").hasSize(calls);
		for (int i = 0; i < 4; i++) {
			this.driver.advance(Duration.ofSeconds(21));
		}
		this.driver.runDueJobs();
		assertThat(this.taskService.createTaskQuery()
			.processInstanceId(pi.getId())
			.taskDefinitionKey("Task_ReviewRecommendations")
			.count()).as("reached the review").isEqualTo(1);
		assertThat(this.runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
		// Throttling is not an error in the logs either: one line at INFO per wait, no stack trace from the engine.
		assertThat(output).contains("Get-BlockedSenderAddress throttled by Microsoft: step Task_LoadRestriction",
				"waits 20 s (Retry-After), retries untouched");
		assertThat(output).doesNotContain("ENGINE-16004", "ENGINE-14006", "TenantThrottledException");
		List<SimulatorCall> log = calls(mailbox);
		for (int i = 1; i < log.size(); i++) {
			if (log.get(i - 1).status() == 429) {
				assertThat(Duration.between(log.get(i - 1).at(), log.get(i).at())).as("gap after a 429")
					.isGreaterThanOrEqualTo(Duration.ofSeconds(20));
			}
		}
	}

	@Test
	void anOutageThatSaysWhenToComeBackCostsOneRetryAndIsTriedAgainNotBefore() {
		String mailbox = restrictedUser();
		this.tenant.faults().unavailableNext(1, Duration.ofMinutes(5), SimulatedApi.EXCHANGE);
		ProcessInstance pi = start(mailbox);
		Job load = this.managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
		int retries = load.getRetries();
		this.driver.runDueJobs();

		Job waiting = this.managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(waiting.getRetries()).as("an outage counts, unlike throttling").isEqualTo(retries - 1);
		assertThat(waiting.getDuedate()).as("not sooner than Microsoft's Retry-After")
			.isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 300_000), 2000);
		this.driver.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(this.taskService.createTaskQuery()
			.processInstanceId(pi.getId())
			.taskDefinitionKey("Task_ReviewRecommendations")
			.count()).as("reached the review").isEqualTo(1);
	}

	@Test
	void aFifthOfCallsThrottledStillLetsEveryCaseFinishWithoutAnIncident() {
		this.tenant.faults().throttleShare(0.2, Duration.ofMillis(300), SimulatedApi.GRAPH, SimulatedApi.EXCHANGE);
		List<ProcessInstance> cases = List.of(start(restrictedUser()), start(restrictedUser()), start(restrictedUser()),
				start(restrictedUser()));
		this.driver.runDueJobs();
		for (int round = 0; round < 3; round++) {
			for (ProcessInstance pi : cases) {
				// The release path only; the helpdesk's step beside it is not what throttling could hold up.
				for (var task : this.taskService.createTaskQuery()
					.processInstanceId(pi.getId())
					.taskDefinitionKeyIn("Task_ReviewRecommendations", "Task_ApproveRelease")
					.list()) {
					boolean review = task.getTaskDefinitionKey().equals("Task_ReviewRecommendations");
					this.driver.completeAs(review ? "analyst" : "secadmin", review ? "soc-analysts" : "security-admins",
							task, review ? Decisions.releaseMailbox() : Decisions.approve());
				}
			}
			for (int i = 0; i < 5; i++) {
				this.driver.advance(Duration.ofSeconds(2));
			}
		}
		assertThat(this.tenant.calls().stream().filter((c) -> c.status() == 429).count()).as("throttled calls")
			.isPositive();
		for (ProcessInstance pi : cases) {
			assertThat(this.historyService.createHistoricVariableInstanceQuery()
				.processInstanceId(pi.getId())
				.variableName(CaseVariables.CASE_OUTCOME)
				.singleResult()
				.getValue()).isEqualTo("releasedAndVerified");
			assertThat(this.historyService.createHistoricIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
		}
	}

	private List<SimulatorCall> calls(String mailbox) {
		return this.tenant.calls("Get-BlockedSenderAddress")
			.stream()
			.filter((c) -> c.target().equals(mailbox))
			.toList();
	}

	private ProcessInstance start(String mailbox) {
		String id = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test").id();
		return this.runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
	}

	private String restrictedUser() {
		String mailbox = "throttle.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Throttle User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		return mailbox;
	}

}
