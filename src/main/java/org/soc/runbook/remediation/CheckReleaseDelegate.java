package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
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

	private final Tenants tenants;

	CheckReleaseDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String entityId = context.entityId();
		boolean blocked = (context.entityType() == EntityType.CONNECTOR)
				? this.tenants.exchange(execution.getTenantId()).getBlockedConnector(UUID.fromString(entityId)).isPresent()
				: this.tenants.exchange(execution.getTenantId()).getBlockedSenderAddress(entityId).isPresent();
		context.setVerifyChecks(context.verifyChecks() + 1);
		context.setReleased(!blocked);
		if (!blocked) {
			context.setReleasedAt(Instant.now().toString());
		}
	}

}
