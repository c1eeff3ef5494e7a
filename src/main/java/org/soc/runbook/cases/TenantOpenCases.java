package org.soc.runbook.cases;

import org.camunda.bpm.engine.RuntimeService;
import org.soc.runbook.tenant.OpenCases;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;

import org.springframework.stereotype.Component;

/**
 * A tenant's cases are open while any process instance of its Camunda tenant runs: a case, or the verification it
 * called; for the customer of the deployment's single-tenant days, also a case of those days (no Camunda tenant). A
 * tenant removed from the tenants file retires until then.
 */
@Component
class TenantOpenCases implements OpenCases {

	private final RuntimeService runtime;

	private final RunbookTenants tenants;

	TenantOpenCases(RuntimeService runtime, RunbookTenants tenants) {
		this.runtime = runtime;
		this.tenants = tenants;
	}

	@Override
	public boolean in(RunbookTenant tenant) {
		if (this.runtime.createProcessInstanceQuery().tenantIdIn(tenant.camundaTenantId()).count() > 0) {
			return true;
		}
		// The customer of the single-tenant days also has the cases opened then, which have no Camunda tenant.
		boolean formerSingle = this.tenants.formerSingle().map((former) -> former.key().equals(tenant.key()))
			.orElse(false);
		return formerSingle && this.runtime.createProcessInstanceQuery()
			.withoutTenantId()
			.processDefinitionKeyIn(ProcessKeys.CASE_PARTS.toArray(String[]::new))
			.count() > 0;
	}

}
