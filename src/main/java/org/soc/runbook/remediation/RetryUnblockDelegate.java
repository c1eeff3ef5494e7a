package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RetryUnblock} of {@code verify-release}: a SOC lead chose to ask Microsoft again after an escalation.
 * Mailboxes and connectors alike; the unblock limit is a BPMN error that escalates again.
 */
@Component
class RetryUnblockDelegate implements JavaDelegate {

	private final Tenants tenants;

	RetryUnblockDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Unblocks.request(this.tenants.exchange(execution.getTenantId()), execution, Text.line("Restricted Entity Runbook "
				+ execution.getProcessBusinessKey() + ": unblock retried after escalation: "
				+ CaseContext.of(execution).escalationNote(), 500));
	}

}
