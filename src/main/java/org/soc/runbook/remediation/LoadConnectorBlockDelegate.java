package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_LoadConnectorBlock}: reads the connector's entry on the Restricted entities list
 * ({@code Get-BlockedConnector -ConnectorId}). Not listed any more: the case ends as already released.
 */
@Component
class LoadConnectorBlockDelegate implements JavaDelegate {

	private final Tenants tenants;

	LoadConnectorBlockDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		UUID connectorId = UUID.fromString(context.entityId());
		Optional<BlockedConnector> blocked = this.tenants.exchange(execution.getTenantId()).getBlockedConnector(connectorId);
		context.setBlocked(blocked.isPresent());
		blocked.ifPresent((entry) -> {
			context.setConnectorName(Text.line(entry.connectorName(), 200));
			context.setRestrictionReason(Text.bounded(entry.reason(), 1000));
			context.setRestrictedSince((entry.createdTime() != null) ? entry.createdTime().toString() : null);
			String reason = Text.line(entry.reason(), 900);
			context.setReasonSummary(((reason != null) ? reason : "Microsoft gave no reason.")
							+ ((entry.expirationTime() != null) ? " The block ends by itself at " + entry.expirationTime() + "."
									: ""));
		});
	}

}
