package org.soc.runbook.remediation;

import java.time.Instant;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables;

import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckRelease} of {@code verify-release}: is the mailbox or connector still on the Restricted entities
 * list? A read only, so repeating it after a failure does no harm.
 */
@Component
class CheckReleaseDelegate implements JavaDelegate {

	private final ExchangeOnlineClient exchange;

	CheckReleaseDelegate(ExchangeOnlineClient exchange) {
		this.exchange = exchange;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String entityType = (String) execution.getVariable(CaseVariables.ENTITY_TYPE);
		String entityId = (String) execution.getVariable(CaseVariables.ENTITY_ID);
		boolean blocked = CaseStarter.CONNECTOR.equals(entityType)
				? this.exchange.getBlockedConnector(UUID.fromString(entityId)).isPresent()
				: this.exchange.getBlockedSenderAddress(entityId).isPresent();
		Object checks = execution.getVariable(CaseVariables.VERIFY_CHECKS);
		execution.setVariable(CaseVariables.VERIFY_CHECKS, ((checks instanceof Number n) ? n.intValue() : 0) + 1);
		execution.setVariable(CaseVariables.RELEASED, !blocked);
		if (!blocked) {
			execution.setVariable(CaseVariables.RELEASED_AT, Instant.now().toString());
		}
	}

}
