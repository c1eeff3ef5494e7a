package org.soc.runbook.escalation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.audit.CaseMetrics;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifyEscalation} of {@code verify-release}: tells the SOC leads that a case needs them (the block did
 * not lift in time, the unblock limit was reached, the user vanished), before {@code Task_ResolveEscalation} waits
 * for one of them. The message is queued in the case's transaction and delivered with retries afterwards, so a
 * notification channel that is down never stops the case; where it was queued is recorded.
 */
@Component
class NotifyEscalationDelegate implements JavaDelegate {

	private final Notifications notifications;

	private final CaseMetrics metrics;

	private final ReportToDefenderListener defender;

	NotifyEscalationDelegate(Notifications notifications, CaseMetrics metrics, ReportToDefenderListener defender) {
		this.notifications = notifications;
		this.metrics = metrics;
		this.defender = defender;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String caseKey = execution.getProcessBusinessKey();
		CaseContext context = CaseContext.of(execution);
		String reason = Text.line(String.valueOf(context.escalationReason()), 500);
		String code = context.escalationCode();
		NotificationEvent event = RunbookErrors.UNBLOCK_LIMIT_REACHED.equals(code) ? NotificationEvent.UNBLOCK_LIMIT_REACHED
				: RunbookErrors.USER_NOT_FOUND.equals(code) ? NotificationEvent.USER_NOT_FOUND
						: NotificationEvent.BLOCK_NOT_LIFTED;
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("processInstanceId", execution.getProcessInstanceId());
		facts.put("entityType", context.entityType().value());
		facts.put("entity", context.entityId());
		facts.put("reason", reason);
		facts.put("code", code);
		facts.put("tasklist", this.notifications.tasklistUrl());
		String summary = "Case " + caseKey + " is escalated to the SOC leads: " + reason + " Open Tasklist: "
				+ this.notifications.tasklistUrl();
		context.setNotificationOutcome(
				this.notifications.announce(event, caseKey, DryRun.labelled(execution, summary, facts), facts));
		this.metrics.escalated(event.key());
		this.defender.escalated(execution, reason);
	}

}
