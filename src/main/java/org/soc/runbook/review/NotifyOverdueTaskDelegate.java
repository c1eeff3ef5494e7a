package org.soc.runbook.review;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.escalation.NotificationEvent;
import org.soc.runbook.escalation.Notifications;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.security.RunbookGroups;

import org.springframework.stereotype.Component;

/**
 * The {@code Task_Notify...Overdue} steps, after the non-interrupting SLA timer of a person's task (review, approval,
 * the helpdesk's, the lead's escalation): the task stays where it is (claimed or not), gets a higher priority and
 * {@code soc-leads} as a further candidate group, and the leads are told which task, which entity, who holds it and
 * where to open it; an overdue escalation also goes to its own e-mail recipients ({@code escalation-overdue}). A task
 * completed in the meantime is left alone.
 */
@Component
class NotifyOverdueTaskDelegate implements JavaDelegate {

	/** The timer on each person's task → what the leads are told. */
	private static final Map<String, NotificationEvent> EVENTS = Map.of("BoundaryEvent_ReviewOverdue",
			NotificationEvent.REVIEW_OVERDUE, "BoundaryEvent_ApprovalOverdue", NotificationEvent.APPROVAL_OVERDUE,
			"BoundaryEvent_RestoreAccessOverdue", NotificationEvent.RESTORE_ACCESS_OVERDUE,
			"BoundaryEvent_EscalationOverdue", NotificationEvent.ESCALATION_OVERDUE);

	private final Notifications notifications;

	private final ReviewProperties properties;

	private final RunbookGroups groups;

	NotifyOverdueTaskDelegate(Notifications notifications, ReviewProperties properties, RunbookGroups groups) {
		this.notifications = notifications;
		this.properties = properties;
		this.groups = groups;
	}

	@Override
	public void execute(DelegateExecution execution) {
		BoundaryEvent timer = (BoundaryEvent) ((FlowNode) execution.getBpmnModelElementInstance()).getIncoming()
			.iterator()
			.next()
			.getSource();
		String taskKey = timer.getAttachedTo().getId();
		TaskService tasks = execution.getProcessEngineServices().getTaskService();
		Task task = tasks.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(taskKey)
			.singleResult();
		if (task == null) {
			return;
		}
		tasks.setPriority(task.getId(), Math.max(task.getPriority(), this.properties.overduePriority()));
		boolean leadsAlready = tasks.getIdentityLinksForTask(task.getId())
			.stream()
			.anyMatch((link) -> this.groups.leads().equals(link.getGroupId()));
		if (!leadsAlready) {
			tasks.addCandidateGroup(task.getId(), this.groups.leads());
		}
		NotificationEvent event = EVENTS.get(timer.getId());
		if (event == null) {
			throw new IllegalStateException("No overdue notice is defined for the timer " + timer.getId());
		}
		String caseKey = execution.getProcessBusinessKey();
		String assignee = (task.getAssignee() != null) ? task.getAssignee() : "nobody (unclaimed)";
		String link = this.notifications.taskLink(task.getId());
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("task", task.getName());
		facts.put("taskId", task.getId());
		CaseContext context = CaseContext.of(execution);
		facts.put("entityType", context.entityType().value());
		facts.put("entity", context.entityId());
		facts.put("assignee", assignee);
		facts.put("due", (task.getDueDate() != null) ? task.getDueDate().toInstant().toString() : null);
		facts.put("link", link);
		String summary = "'" + task.getName() + "' for " + context.entityId()
				+ " is past its due time; held by " + assignee + ". The SOC leads can take it now: " + link;
		context.setNotificationOutcome(
				this.notifications.announce(event, caseKey, DryRun.labelled(execution, summary, facts), facts));
		context.setOverdueTask(task.getName());
		// The queue says so too: the task's name starts with OVERDUE until it is done.
		if (!task.getName().startsWith(TaskHeadline.OVERDUE)) {
			task.setName(TaskHeadline.OVERDUE + task.getName());
			tasks.saveTask(task);
		}
	}

}
