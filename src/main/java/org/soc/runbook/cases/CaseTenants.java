package org.soc.runbook.cases;

import java.util.List;
import java.util.Set;

import org.soc.runbook.security.TenantMembers;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;

import org.springframework.stereotype.Service;

/**
 * Which tenant a request is about, and which tenants a person serves ({@link TenantMembers}: Camunda's memberships,
 * as its tenant check reads them). In a deployment of one tenant everybody serves it, as before.
 */
@Service
public class CaseTenants {

	private final RunbookTenants tenants;

	private final TenantMembers members;

	CaseTenants(RunbookTenants tenants, TenantMembers members) {
		this.tenants = tenants;
		this.members = members;
	}

	/** True when the deployment serves the one tenant of {@code runbook.tenant.*}. */
	public boolean single() {
		return this.tenants.single();
	}

	/** Every tenant the deployment serves. */
	public List<RunbookTenant> all() {
		return this.tenants.all();
	}

	/**
	 * The Camunda tenant ids of the tenants the person serves, by Camunda's memberships (theirs and their groups').
	 * Empty in a deployment of one tenant, whose cases belong to no Camunda tenant.
	 */
	public Set<String> servedBy(String userId) {
		return this.members.servedBy(userId);
	}

	/**
	 * The tenant a request to open a case names ({@code tenant}, a key), checked against whom it comes from: a person
	 * may open cases only in a tenant they serve ({@code userId}; null for the intake, which serves the provider's
	 * SIEM for every tenant). Without a {@code tenant}: the single tenant, or the one the person serves when they serve
	 * one. An unknown tenant and one the person does not serve get the same answer, which names only theirs.
	 */
	public RunbookTenant forRequest(Object tenant, String userId) {
		if (this.tenants.single()) {
			if (tenant != null && !RunbookTenant.SINGLE.equals(tenant)
					&& !this.tenants.all().get(0).connection().tenantId().equals(tenant)) {
				throw new CaseStarter.InvalidCaseRequest("tenant", "this deployment serves one tenant; leave tenant out");
			}
			return this.tenants.all().get(0);
		}
		Set<String> served = (userId == null) ? null : servedBy(userId);
		List<RunbookTenant> allowed = (served == null) ? this.tenants.all()
				: this.tenants.all().stream().filter((t) -> served.contains(t.camundaTenantId())).toList();
		String choices = allowed.isEmpty() ? "you serve none" : "one of " + String.join(", ",
				allowed.stream().map(RunbookTenant::key).toList());
		if (tenant == null) {
			if (allowed.size() == 1) {
				return allowed.get(0);
			}
			throw new CaseStarter.InvalidCaseRequest("tenant", "tenant is required: " + choices);
		}
		if (!(tenant instanceof String key)) {
			throw new CaseStarter.InvalidCaseRequest("tenant", "tenant must be a string: " + choices);
		}
		return allowed.stream()
			.filter((t) -> t.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new CaseStarter.InvalidCaseRequest("tenant",
					"no tenant '" + Text.line(key, 60) + "' " + ((userId == null) ? "is served here" : "that you serve")
							+ ": " + choices));
	}

	/** The tenant of a case by its Camunda tenant id (null: the single tenant, or a case from its days). */
	public RunbookTenant ofCase(String camundaTenantId) {
		return this.tenants.tenant(camundaTenantId);
	}

}
