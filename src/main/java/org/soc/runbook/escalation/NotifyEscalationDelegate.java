package org.soc.runbook.escalation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.remediation.CaseVariables;
import org.soc.runbook.remediation.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifyEscalation} of {@code verify-release}: tells the SOC leads that a case needs them (the block did
 * not lift in time, the unblock limit was reached, the user vanished), before {@code Task_ResolveEscalation} waits
 * for one of them. The outcome of the delivery is recorded; a failed delivery does not stop the case.
 */
@Component
class NotifyEscalationDelegate implements JavaDelegate {

	private final EscalationWebhook webhook;

	NotifyEscalationDelegate(EscalationWebhook webhook) {
		this.webhook = webhook;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String caseKey = execution.getProcessBusinessKey();
		String reason = Text.line(String.valueOf(execution.getVariable(CaseVariables.ESCALATION_REASON)), 500);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("text", "Restricted Entity Runbook: case " + caseKey + " is escalated to the SOC leads. " + reason
				+ " Open Tasklist: " + this.webhook.tasklistUrl());
		message.put("event", "escalation");
		message.put("case", caseKey);
		message.put("processInstanceId", execution.getProcessInstanceId());
		message.put("entityType", execution.getVariable(CaseVariables.ENTITY_TYPE));
		message.put("entity", execution.getVariable(CaseVariables.ENTITY_ID));
		message.put("reason", reason);
		message.put("code", execution.getVariable(CaseVariables.ESCALATION_CODE));
		message.put("tasklist", this.webhook.tasklistUrl());
		execution.setVariable(CaseVariables.NOTIFICATION_OUTCOME, this.webhook.send(message));
	}

}
