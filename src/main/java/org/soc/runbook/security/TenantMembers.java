package org.soc.runbook.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.soc.runbook.tenant.RunbookTenants;

import org.springframework.stereotype.Component;

/**
 * Which tenants a person serves: the Camunda tenants they are a member of, themselves or through a group. These are
 * the memberships by which Camunda's tenant check filters Tasklist, Cockpit and the REST APIs (the webapps' own login
 * reads them the same way), so the runbook's endpoints answer exactly as the engine does. Empty in a deployment of one
 * tenant, whose cases belong to no Camunda tenant.
 */
@Component
public class TenantMembers {

	private final IdentityService identity;

	private final RunbookTenants tenants;

	TenantMembers(IdentityService identity, RunbookTenants tenants) {
		this.identity = identity;
		this.tenants = tenants;
	}

	/** The Camunda tenant ids of the tenants the person serves. */
	public Set<String> servedBy(String userId) {
		if (this.tenants.single() || userId == null) {
			return Set.of();
		}
		return this.identity.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.list()
			.stream()
			.map(Tenant::getId)
			.collect(Collectors.toUnmodifiableSet());
	}

}
