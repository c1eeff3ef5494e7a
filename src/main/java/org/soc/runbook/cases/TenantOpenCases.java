package org.soc.runbook.cases;

import org.camunda.bpm.engine.RuntimeService;
import org.soc.runbook.tenant.OpenCases;
import org.soc.runbook.tenant.RunbookTenant;

import org.springframework.stereotype.Component;

/**
 * A tenant's cases are open while any process instance of its Camunda tenant runs: a case, or the verification it
 * called. A tenant removed from the tenants file retires until then.
 */
@Component
class TenantOpenCases implements OpenCases {

	private final RuntimeService runtime;

	TenantOpenCases(RuntimeService runtime) {
		this.runtime = runtime;
	}

	@Override
	public boolean in(RunbookTenant tenant) {
		if (tenant.camundaTenantId() == null) {
			return this.runtime.createProcessInstanceQuery().withoutTenantId().count() > 0;
		}
		return this.runtime.createProcessInstanceQuery().tenantIdIn(tenant.camundaTenantId()).count() > 0;
	}

}
