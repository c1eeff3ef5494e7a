package org.soc.runbook.remediation;

import java.time.Instant;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.tenant.ExchangeOnlineClient;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.tenant.UnblockLimitReachedException;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RetryUnblock} of {@code verify-release}: a SOC lead chose to ask Microsoft again after an escalation.
 * Mailboxes and connectors alike; the unblock limit is a BPMN error that escalates again.
 */
@Component
class RetryUnblockDelegate implements JavaDelegate {

	private final ExchangeOnlineClient exchange;

	RetryUnblockDelegate(ExchangeOnlineClient exchange) {
		this.exchange = exchange;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String entityType = (String) execution.getVariable(CaseVariables.ENTITY_TYPE);
		String entityId = (String) execution.getVariable(CaseVariables.ENTITY_ID);
		String reason = Text.line("Restricted Entity Runbook " + execution.getProcessBusinessKey()
				+ ": unblock retried after escalation: "
				+ CaseValues.text(execution.getVariable(CaseVariables.ESCALATION_NOTE)), 500);
		try {
			if ("connector".equals(entityType)) {
				this.exchange.removeBlockedConnector(UUID.fromString(entityId), reason);
			}
			else {
				this.exchange.removeBlockedSenderAddress(entityId, reason);
			}
		}
		catch (UnblockLimitReachedException ex) {
			throw new BpmnError(RunbookErrors.UNBLOCK_LIMIT_REACHED,
					"Microsoft refused to unblock " + entityId + " again: " + Text.line(ex.getMessage(), 300));
		}
		catch (TenantNotFoundException alreadyOff) {
			// Released meanwhile: verification will see it.
		}
		execution.setVariable(CaseVariables.UNBLOCKED_AT, Instant.now().toString());
	}

}
