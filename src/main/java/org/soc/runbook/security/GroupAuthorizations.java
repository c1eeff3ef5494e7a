package org.soc.runbook.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;

import org.springframework.stereotype.Component;

/**
 * The Camunda authorizations the runbook's groups need, created at start-up and only when missing, so a restart or a
 * second node adds nothing.
 * <ul>
 * <li>{@code camunda-admin} gets every permission on every resource, as Camunda's own first-run admin set-up grants
 * (membership of the group alone does not).</li>
 * <li>The people's groups may open the webapps they work in, and read the process definitions and cases; none of
 * them may start a process (cases open through the runbook).</li>
 * <li>What a task's candidates may do on it is set by {@link CaseIntegrity}: work it, not rewrite it.</li>
 * </ul>
 */
@Component
class GroupAuthorizations extends AbstractProcessEnginePlugin {

	private final RunbookGroups groups;

	GroupAuthorizations(RunbookGroups groups) {
		this.groups = groups;
	}

	/** Group → the webapps it may open. */
	Map<String, List<String>> applications() {
		return Map.of(this.groups.analysts(), List.of("tasklist"), this.groups.securityAdmins(), List.of("tasklist"),
				this.groups.leads(), List.of("tasklist", "cockpit"), this.groups.helpdesk(), List.of("tasklist"));
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		AuthorizationService authorizations = processEngine.getAuthorizationService();
		for (Resources resource : Resources.values()) {
			grant(authorizations, this.groups.admins(), resource, Authorization.ANY, Permissions.ALL);
		}
		applications().forEach((group, applications) -> applications
			.forEach((application) -> grant(authorizations, group, Resources.APPLICATION, application,
					Permissions.ACCESS)));
		// Everyone who works or reads cases sees the process definitions and the cases themselves. Nobody but the
		// administrators may start a process: cases open through the runbook (POST /api/cases, the intake, the
		// poller), which keeps one open case per entity and starts the process itself.
		for (String group : List.of(this.groups.analysts(), this.groups.leads(), this.groups.securityAdmins(),
				this.groups.helpdesk(), this.groups.auditors())) {
			grant(authorizations, group, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
					Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
			grant(authorizations, group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
		}
		revokeStarts(authorizations, List.of(this.groups.analysts(), this.groups.leads()));
	}

	/**
	 * Earlier versions let analysts and leads start processes (their grant then carried CREATE_INSTANCE and CREATE);
	 * a database they wrote keeps those grants, so they are taken back here.
	 */
	private static void revokeStarts(AuthorizationService authorizations, List<String> groups) {
		for (Authorization grant : authorizations.createAuthorizationQuery()
			.authorizationType(Authorization.AUTH_TYPE_GRANT)
			.groupIdIn(groups.toArray(String[]::new))
			.list()) {
			boolean definitionStart = grant.getResourceType() == Resources.PROCESS_DEFINITION.resourceType()
					&& grant.isPermissionGranted(Permissions.CREATE_INSTANCE);
			boolean instanceCreate = grant.getResourceType() == Resources.PROCESS_INSTANCE.resourceType()
					&& grant.isPermissionGranted(Permissions.CREATE);
			if (definitionStart || instanceCreate) {
				grant.removePermission(definitionStart ? Permissions.CREATE_INSTANCE : Permissions.CREATE);
				authorizations.saveAuthorization(grant);
			}
		}
	}

	private static void grant(AuthorizationService authorizations, String group, Resource resource,
			String resourceId, Permission... permissions) {
		boolean exists = authorizations.createAuthorizationQuery()
			.authorizationType(Authorization.AUTH_TYPE_GRANT)
			.groupIdIn(group)
			.resourceType(resource)
			.resourceId(resourceId)
			.count() > 0;
		if (!exists) {
			Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			grant.setGroupId(group);
			grant.setResource(resource);
			grant.setResourceId(resourceId);
			for (Permission permission : permissions) {
				grant.addPermission(permission);
			}
			authorizations.saveAuthorization(grant);
		}
	}

}
