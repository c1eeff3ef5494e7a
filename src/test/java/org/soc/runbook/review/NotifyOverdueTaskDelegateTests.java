package org.soc.runbook.review;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.escalation.NotificationEvent;
import org.soc.runbook.escalation.Notifications;
import org.soc.runbook.security.GroupNames;
import org.soc.runbook.security.RunbookGroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * A review or approval past its service level: the task the timer is attached to stays where it is, gets at least
 * the overdue priority and the SOC leads as candidates, and the leads are told which task, which entity, who holds it
 * and where; a task done meanwhile is left alone, and a dry run's notice says so.
 */
class NotifyOverdueTaskDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private static final String LINK = "https://soc.example/camunda/app/tasklist/default/#/?task=task-1";

	private final Notifications notifications = mock(Notifications.class);

	private final TaskService tasks = mock(TaskService.class, RETURNS_DEEP_STUBS);

	private final NotifyOverdueTaskDelegate delegate = new NotifyOverdueTaskDelegate(this.notifications,
			new ReviewProperties(Duration.ofHours(4), Duration.ofHours(2), Duration.ofHours(8), Duration.ofHours(24),
					90),
			new RunbookGroups(new GroupNames("soc-analysts", "security-admins", "soc-leads", "helpdesk", "auditors",
					"camunda-admin", "monitoring")));

	@Test
	void anOverdueReviewIsRaisedOfferedToTheLeadsAndAnnounced() {
		Task review = task("Review the evidence and Microsoft's recommendations", 50, "analyst");
		given(this.tasks.createTaskQuery()
			.processInstanceId("pi-now")
			.taskDefinitionKey("Task_ReviewRecommendations")
			.singleResult()).willReturn(review);
		given(this.notifications.taskLink("task-1")).willReturn(LINK);
		given(this.notifications.announce(any(), anyString(), anyString(), any())).willReturn("delivered to webhook");
		DelegateExecution execution = overdue("BoundaryEvent_ReviewOverdue", "Task_ReviewRecommendations", false);
		this.delegate.execute(execution);

		verify(this.tasks).setPriority("task-1", 90);
		verify(this.tasks).addCandidateGroup("task-1", "soc-leads");
		ArgumentCaptor<String> summary = ArgumentCaptor.forClass(String.class);
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Map<String, Object>> facts = ArgumentCaptor.forClass(Map.class);
		verify(this.notifications).announce(eq(NotificationEvent.REVIEW_OVERDUE), eq("mailbox:" + MAILBOX),
				summary.capture(), facts.capture());
		assertThat(summary.getValue()).isEqualTo("'Review the evidence and Microsoft's recommendations' for " + MAILBOX
				+ " is past its due time; held by analyst. The SOC leads can take it now: " + LINK);
		assertThat(facts.getValue()).containsEntry("taskId", "task-1")
			.containsEntry("entity", MAILBOX)
			.containsEntry("assignee", "analyst")
			.containsEntry("due", "2025-03-03T11:42:00Z")
			.doesNotContainKey("dryRun");
		assertThat(execution.getVariable(CaseVariables.NOTIFICATION_OUTCOME)).isEqualTo("delivered to webhook");
		assertThat(execution.getVariable(CaseVariables.OVERDUE_TASK))
			.isEqualTo("Review the evidence and Microsoft's recommendations");
	}

	@Test
	void anOverdueApprovalNobodyClaimedIsAnnouncedAsSuchAndAHigherPriorityIsKept() {
		Task approval = task("Approve the release", 95, null);
		given(this.tasks.createTaskQuery()
			.processInstanceId("pi-now")
			.taskDefinitionKey("Task_ApproveRelease")
			.singleResult()).willReturn(approval);
		given(this.notifications.taskLink("task-1")).willReturn(LINK);
		DelegateExecution execution = overdue("BoundaryEvent_ApprovalOverdue", "Task_ApproveRelease", true);
		this.delegate.execute(execution);

		verify(this.tasks).setPriority("task-1", 95);
		ArgumentCaptor<String> summary = ArgumentCaptor.forClass(String.class);
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Map<String, Object>> facts = ArgumentCaptor.forClass(Map.class);
		verify(this.notifications).announce(eq(NotificationEvent.APPROVAL_OVERDUE), eq("mailbox:" + MAILBOX),
				summary.capture(), facts.capture());
		assertThat(summary.getValue()).startsWith("[DRY RUN] 'Approve the release' for " + MAILBOX)
			.contains("held by nobody (unclaimed)");
		assertThat(facts.getValue()).containsEntry("dryRun", true);
	}

	@Test
	void anOverdueEscalationIsAnnouncedAsSuchWithoutNamingTheLeadsTwice() {
		Task escalation = task("Resolve the escalation", 50, null);
		given(this.tasks.createTaskQuery()
			.processInstanceId("pi-now")
			.taskDefinitionKey("Task_ResolveEscalation")
			.singleResult()).willReturn(escalation);
		IdentityLink leads = mock(IdentityLink.class);
		given(leads.getGroupId()).willReturn("soc-leads");
		given(this.tasks.getIdentityLinksForTask("task-1")).willReturn(List.of(leads));
		DelegateExecution execution = overdue("BoundaryEvent_EscalationOverdue", "Task_ResolveEscalation", false);
		this.delegate.execute(execution);

		verify(this.tasks, never()).addCandidateGroup(anyString(), anyString());
		verify(this.notifications).announce(eq(NotificationEvent.ESCALATION_OVERDUE), eq("mailbox:" + MAILBOX),
				anyString(), any());
	}

	@Test
	void aTaskCompletedMeanwhileIsLeftAlone() {
		given(this.tasks.createTaskQuery()
			.processInstanceId("pi-now")
			.taskDefinitionKey("Task_ReviewRecommendations")
			.singleResult()).willReturn(null);
		DelegateExecution execution = overdue("BoundaryEvent_ReviewOverdue", "Task_ReviewRecommendations", false);
		this.delegate.execute(execution);
		verify(this.tasks, never()).setPriority(anyString(), anyInt());
		verify(this.tasks, never()).addCandidateGroup(anyString(), anyString());
		verifyNoInteractions(this.notifications);
		assertThat(execution.getVariable(CaseVariables.NOTIFICATION_OUTCOME)).isNull();
	}

	/**
	 * The notify step reached from the timer {@code timerId} on {@code taskKey}, as the models draw it: timer, one
	 * flow, notify step. (Mocked rather than read from bpmn/, which would cost the class seconds; the models' own
	 * tests hold the drawing.)
	 */
	private DelegateExecution overdue(String timerId, String taskKey, boolean dryRun) {
		DelegateExecution execution = CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE,
				"mailbox", CaseVariables.ENTITY_ID, MAILBOX, CaseVariables.DRY_RUN, dryRun)));
		Activity task = mock(Activity.class);
		given(task.getId()).willReturn(taskKey);
		BoundaryEvent timer = mock(BoundaryEvent.class);
		given(timer.getId()).willReturn(timerId);
		given(timer.getAttachedTo()).willReturn(task);
		SequenceFlow flow = mock(SequenceFlow.class);
		given(flow.getSource()).willReturn(timer);
		ServiceTask notify = mock(ServiceTask.class);
		given(notify.getIncoming()).willReturn(List.of(flow));
		given(execution.getBpmnModelElementInstance()).willReturn(notify);
		given(execution.getProcessInstanceId()).willReturn("pi-now");
		given(execution.getProcessBusinessKey()).willReturn("mailbox:" + MAILBOX);
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		given(execution.getProcessEngineServices()).willReturn(services);
		given(services.getTaskService()).willReturn(this.tasks);
		return execution;
	}

	private static Task task(String name, int priority, String assignee) {
		Task task = mock(Task.class);
		given(task.getId()).willReturn("task-1");
		given(task.getName()).willReturn(name);
		given(task.getPriority()).willReturn(priority);
		given(task.getAssignee()).willReturn(assignee);
		given(task.getDueDate()).willReturn(Date.from(Instant.parse("2025-03-03T11:42:00Z")));
		return task;
	}

}
