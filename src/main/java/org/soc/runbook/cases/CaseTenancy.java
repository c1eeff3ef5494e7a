package org.soc.runbook.cases;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;

import org.springframework.stereotype.Component;

/**
 * Puts each case in its customer's Camunda tenant. The runbook's models are deployed once, for every tenant (shared
 * definitions); Camunda then asks this provider for the tenant of each new process instance: the tenant a case was
 * started for ({@link CaseVariables#TENANT}), or the tenant of the case that calls it (the verification). Tasks, jobs,
 * incidents and history inherit the instance's tenant, and Camunda's tenant check keeps them from anyone who does not
 * serve that tenant, in Tasklist, Cockpit and every REST API alike. The single tenant's cases, and the poller, belong
 * to no tenant.
 */
@Component
class CaseTenancy extends AbstractProcessEnginePlugin implements TenantIdProvider {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setTenantIdProvider(this);
	}

	@Override
	public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
		if (context.getSuperExecution() != null) {
			return context.getSuperExecution().getTenantId();
		}
		Object tenant = (context.getVariables() != null) ? context.getVariables().get(CaseVariables.TENANT) : null;
		return (tenant instanceof String key) ? key : null;
	}

	@Override
	public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
		return null;
	}

	@Override
	public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
		return null;
	}

}
