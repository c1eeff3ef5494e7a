package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import org.springframework.stereotype.Component;

/**
 * {@code Task_UnblockConnector}: {@code Remove-BlockedConnector -ConnectorId ... -Reason <the review>} (see
 * {@link Unblocks} for what counts as done and when it escalates). Microsoft releases connectors within an hour.
 */
@Component
class UnblockConnectorDelegate implements JavaDelegate {

	private final Tenants tenants;

	UnblockConnectorDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Unblocks.request(this.tenants.exchange(execution.getTenantId()), execution, Unblocks.reviewedReason(execution));
	}

}
