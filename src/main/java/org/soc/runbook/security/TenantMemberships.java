package org.soc.runbook.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantsChange;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes each tenant the runbook serves a Camunda tenant, with the people who serve it as members: the users and groups
 * its settings name ({@code runbook.tenants.<key>.users}, {@code .groups}), and the provider's own SOC leads and
 * auditors, who serve every tenant. Camunda's tenant check then shows and lets act on a case only those members (and
 * Camunda's administrators). Memberships are added, never taken away here: an administrator revokes one in Camunda
 * Admin (Tenants), where memberships can also be given without a restart. A deployment of one tenant has no Camunda
 * tenant and nothing to do.
 */
@Component
class TenantMemberships implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(TenantMemberships.class);

	private final RunbookTenants tenants;

	private final IdentityService identity;

	private final RunbookGroups groups;

	TenantMemberships(RunbookTenants tenants, IdentityService identity, RunbookGroups groups) {
		this.tenants = tenants;
		this.identity = identity;
		this.groups = groups;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.tenants.single()) {
			return;
		}
		if (this.identity.isReadOnly()) {
			LOG.warn("Tenant memberships are not written: the directory is read-only. Camunda's tenant check needs "
					+ "Camunda's own identity tables for them (src/docs/operations.md, 'Many tenants').");
			return;
		}
		this.tenants.all().forEach(this::serve);
		LOG.info("Serving {} tenants: {}", this.tenants.all().size(),
				String.join(", ", this.tenants.all().stream().map(RunbookTenant::key).toList()));
	}

	/**
	 * A tenant added to the tenants file, or whose users and groups changed, is a Camunda tenant with its members
	 * from now on, as at start. A removed tenant keeps its Camunda tenant and memberships: its history is still read
	 * under them, by its own people and the auditors.
	 */
	@EventListener
	void tenantsChanged(TenantsChange change) {
		if (this.identity.isReadOnly()) {
			return;
		}
		List<RunbookTenant> changed = new ArrayList<>(change.added());
		changed.addAll(change.changed());
		for (RunbookTenant tenant : changed) {
			try {
				serve(tenant);
			}
			catch (RuntimeException ex) {
				LOG.error("Tenant {}: its Camunda tenant or memberships could not all be written ({}); its people may "
						+ "not see its cases until they are (Camunda Admin, Tenants) or until the next start",
						tenant.key(), ex.getMessage());
			}
		}
	}

	/** Makes the tenant a Camunda tenant of its name and its configured users, groups, leads and auditors members. */
	private void serve(RunbookTenant tenant) {
		Tenant known = this.identity.createTenantQuery().tenantId(tenant.camundaTenantId()).singleResult();
		if (known == null) {
			Tenant created = this.identity.newTenant(tenant.camundaTenantId());
			created.setName(tenant.name());
			// Two nodes that read the same tenants file add the same tenant at about the same time.
			once(() -> this.identity.saveTenant(created),
					() -> this.identity.createTenantQuery().tenantId(tenant.camundaTenantId()).count() > 0);
		}
		else if (!tenant.name().equals(known.getName())) {
			known.setName(tenant.name());
			this.identity.saveTenant(known);
		}
		Set<String> memberGroups = new LinkedHashSet<>(tenant.groups());
		// The provider's own staff: leads take every escalation, auditors read every customer's cases.
		memberGroups.add(this.groups.leads());
		memberGroups.add(this.groups.auditors());
		for (String group : memberGroups) {
			if (this.identity.createGroupQuery().groupId(group).count() == 0) {
				LOG.warn("Tenant {}: group {} does not exist; it is not a member", tenant.key(), group);
			}
			else if (this.identity.createGroupQuery().groupId(group).memberOfTenant(tenant.camundaTenantId())
				.count() == 0) {
				once(() -> this.identity.createTenantGroupMembership(tenant.camundaTenantId(), group),
						() -> this.identity.createGroupQuery().groupId(group).memberOfTenant(tenant.camundaTenantId())
							.count() > 0);
			}
		}
		for (String user : tenant.users()) {
			if (this.identity.createUserQuery().userId(user).count() == 0) {
				LOG.warn("Tenant {}: user {} does not exist; not a member", tenant.key(), user);
			}
			else if (this.identity.createUserQuery().userId(user).memberOfTenant(tenant.camundaTenantId())
				.count() == 0) {
				once(() -> this.identity.createTenantUserMembership(tenant.camundaTenantId(), user),
						() -> this.identity.createUserQuery().userId(user).memberOfTenant(tenant.camundaTenantId())
							.count() > 0);
			}
		}
	}

	/** Writes once: a write that fails because another node wrote the same just before is no failure. */
	private static void once(Runnable write, BooleanSupplier written) {
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			if (!written.getAsBoolean()) {
				throw ex;
			}
		}
	}

}
