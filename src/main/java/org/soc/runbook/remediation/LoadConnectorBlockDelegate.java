package org.soc.runbook.remediation;

import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_LoadConnectorBlock}: reads the connector's entry on the Restricted entities list
 * ({@code Get-BlockedConnector -ConnectorId}). Not listed any more: the case ends as already released.
 */
@Component
class LoadConnectorBlockDelegate implements JavaDelegate {

	private final ExchangeOnlineClient exchange;

	LoadConnectorBlockDelegate(ExchangeOnlineClient exchange) {
		this.exchange = exchange;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UUID connectorId = UUID.fromString((String) execution.getVariable(CaseVariables.ENTITY_ID));
		Optional<BlockedConnector> blocked = this.exchange.getBlockedConnector(connectorId);
		execution.setVariable(CaseVariables.BLOCKED, blocked.isPresent());
		blocked.ifPresent((entry) -> {
			execution.setVariable(CaseVariables.CONNECTOR_NAME, Text.line(entry.connectorName(), 200));
			execution.setVariable(CaseVariables.RESTRICTION_REASON, Text.bounded(entry.reason(), 1000));
			execution.setVariable(CaseVariables.RESTRICTED_SINCE,
					(entry.createdTime() != null) ? entry.createdTime().toString() : null);
			String reason = Text.line(entry.reason(), 900);
			execution.setVariable(CaseVariables.REASON_SUMMARY,
					((reason != null) ? reason : "Microsoft gave no reason.")
							+ ((entry.expirationTime() != null) ? " The block ends by itself at " + entry.expirationTime() + "."
									: ""));
		});
	}

}
