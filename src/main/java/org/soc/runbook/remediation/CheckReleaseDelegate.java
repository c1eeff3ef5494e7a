package org.soc.runbook.remediation;

import java.time.Instant;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

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
		CaseContext context = CaseContext.of(execution);
		String entityId = context.entityId();
		boolean blocked = (context.entityType() == EntityType.CONNECTOR)
				? this.exchange.getBlockedConnector(UUID.fromString(entityId)).isPresent()
				: this.exchange.getBlockedSenderAddress(entityId).isPresent();
		context.setVerifyChecks(context.verifyChecks() + 1);
		context.setReleased(!blocked);
		if (!blocked) {
			context.setReleasedAt(Instant.now().toString());
		}
	}

}
