package org.soc.runbook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the engine in tests that switch the job executor off: runs the due jobs the way the executor would (a
 * failure decrements the retries and sets a later due date), moves the engine's clock instead of sleeping, and
 * completes tasks as a given user.
 */
public final class EngineDriver {

	/** The analysts' group: they review. */
	public static final String ANALYSTS = "soc-analysts";

	/** The security administrators' group: they approve. */
	public static final String SECURITY_ADMINS = "security-admins";

	/** The SOC leads' group: they resolve escalations. */
	public static final String LEADS = "soc-leads";

	/** Gives a contained user a way back in. */
	public static final String HELPDESK = "helpdesk";

	private final ManagementService managementService;

	private final TaskService taskService;

	private final IdentityService identityService;

	private final HistoryService historyService;

	public EngineDriver(ManagementService managementService, TaskService taskService, IdentityService identityService,
			HistoryService historyService) {
		this.managementService = managementService;
		this.taskService = taskService;
		this.identityService = identityService;
		this.historyService = historyService;
	}

	/** Runs every job that is due now, including the ones those create, until none is left. */
	public void runDueJobs() {
		for (int round = 0; round < 200; round++) {
			List<Job> due = this.managementService.createJobQuery().executable().list();
			if (due.isEmpty()) {
				return;
			}
			for (Job job : due) {
				try {
					this.managementService.executeJob(job.getId());
				}
				catch (RuntimeException failed) {
					// A failed job has its retries decremented and a later due date, as under the job executor.
				}
			}
		}
		throw new AssertionError("jobs kept coming");
	}

	/** Moves the engine's clock on and runs what became due. */
	public void advance(Duration duration) {
		ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
		runDueJobs();
	}

	/** Completes the task as the user in the group, so that listeners see who acted. */
	public void completeAs(String user, String group, Task task, Map<String, Object> variables) {
		this.identityService.setAuthentication(user, List.of(group));
		try {
			this.taskService.complete(task.getId(), variables);
		}
		finally {
			this.identityService.clearAuthentication();
		}
	}

	/** Completes the case's review (mailbox or connector) as the analyst, with the given answers. */
	public void review(ProcessInstance pi, String analyst, Map<String, Object> answers) {
		completeAs(analyst, ANALYSTS, task(pi, CaseType.of(pi).reviewTask()), answers);
	}

	/** Completes the case's approval as the security administrator: {@code approve} or {@code reject}, with a comment. */
	public void approve(ProcessInstance pi, String securityAdmin, String decision) {
		completeAs(securityAdmin, SECURITY_ADMINS, task(pi, CaseType.of(pi).approvalTask()),
				Map.of(CaseVariables.APPROVAL_DECISION, decision, CaseVariables.APPROVAL_COMMENT,
						decision + ": evidence checked"));
	}

	/** Resolves the escalation of the case's verification as the SOC lead {@code lead}, with the decision and a note. */
	public void resolveEscalation(ProcessInstance pi, String decision) {
		completeAs("lead", LEADS, escalationTask(pi), Map.of(CaseVariables.ESCALATION_DECISION, decision,
				CaseVariables.ESCALATION_NOTE, "Decided: " + decision));
	}

	/** Completes the helpdesk's step of the case as {@code helpdesk}: the user will reset the password themselves. */
	public void userResetsThemselves(ProcessInstance pi) {
		completeAs("helpdesk", HELPDESK, task(pi, "Task_RestoreAccess"), Decisions.userResetsThemselves());
	}

	/** The task waiting at the given activity of the process instance; fails the test when there is none. */
	public Task task(ProcessInstance pi, String key) {
		Task task = this.taskService.createTaskQuery()
			.processInstanceId(pi.getId())
			.taskDefinitionKey(key)
			.singleResult();
		assertThat(task).as("waiting at " + key).isNotNull();
		return task;
	}

	/** The SOC leads' task of the case's verify-release call; fails the test when there is none. */
	public Task escalationTask(ProcessInstance pi) {
		Task task = this.taskService.createTaskQuery()
			.processInstanceBusinessKey(pi.getBusinessKey())
			.taskDefinitionKey("Task_ResolveEscalation")
			.singleResult();
		assertThat(task).as("escalated to the SOC leads").isNotNull();
		assertThat(task.getProcessInstanceId()).isNotEqualTo(pi.getId());
		return task;
	}

	/** The instance the given one called (the verification of a case). */
	public String calledInstance(String processInstanceId) {
		return this.historyService.createHistoricProcessInstanceQuery()
			.superProcessInstanceId(processInstanceId)
			.singleResult()
			.getId();
	}

	/** A variable's last value in history. */
	public Object historicVariable(String processInstanceId, String name) {
		return this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName(name)
			.singleResult()
			.getValue();
	}

	/** The engine's clock, so that the simulator's release delays and token expiry move with the test. */
	public static final class EngineClock extends Clock {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return ClockUtil.getCurrentTime().toInstant();
		}

	}

}
