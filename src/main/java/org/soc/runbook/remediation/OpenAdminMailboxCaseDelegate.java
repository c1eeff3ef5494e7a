package org.soc.runbook.remediation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseTenants;
import org.soc.runbook.cases.DryRun;

import org.springframework.stereotype.Component;

/**
 * {@code Task_OpenAdminMailboxCase}: the reviewer of a connector asked to investigate the administrator account that
 * changed it (Microsoft's fourth step). Opens, or finds open, a mailbox case for that account with its own business
 * key; the mailbox runbook then contains it and puts it in front of a reviewer even though the mailbox itself is not
 * restricted. The two cases name each other.
 */
@Component
class OpenAdminMailboxCaseDelegate implements JavaDelegate {

	private final CaseStarter starter;

	private final CaseTenants tenants;

	OpenAdminMailboxCaseDelegate(CaseStarter starter, CaseTenants tenants) {
		this.starter = starter;
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String admin = context.adminAccount();
		// The administrator's mailbox is in the connector's tenant.
		CaseStarter.OpenedCase opened = this.starter.openAdminMailboxCase(this.tenants.ofCase(execution.getTenantId()),
				admin, execution.getProcessBusinessKey(), DryRun.of(execution),
				String.valueOf(context.reviewedBy()));
		context.setAdminCase(opened.businessKey());
	}

}
