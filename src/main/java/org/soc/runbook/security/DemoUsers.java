package org.soc.runbook.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's people, one per group (two analysts, for the demo's two customers), each with their user name as
 * password. Only with {@code runbook.demo.enabled}
 * (never in production). Created when missing, so a restart of the demo keeps its file database as it was.
 */
@Component
@ConditionalOnProperty(name = "runbook.demo.enabled", havingValue = "true")
class DemoUsers extends AbstractProcessEnginePlugin {

	/** The demo user ids, one per role. */
	static final List<String> USERS = List.of("analyst", "analyst2", "secadmin", "lead", "helpdesk", "auditor", "admin",
			"monitor");

	private static final Map<String, String[]> NAMES = Map.of("analyst", new String[] { "Sam", "Analyst" },
			"analyst2", new String[] { "Noor", "Analyst" },
			"secadmin", new String[] { "Robin", "Securityadmin" }, "lead", new String[] { "Kim", "Lead" }, "helpdesk", new String[] { "Hana", "Helpdesk" }, "auditor",
			new String[] { "Alex", "Auditor" }, "admin", new String[] { "Ada", "Admin" }, "monitor",
			new String[] { "Prometheus", "Monitor" });

	private final RunbookGroups groups;

	DemoUsers(RunbookGroups groups) {
		this.groups = groups;
	}

	/** User id → group id. */
	Map<String, String> memberships() {
		return Map.of("analyst", this.groups.analysts(), "analyst2", this.groups.analysts(), "secadmin", this.groups.securityAdmins(), "lead",
				this.groups.leads(), "helpdesk", this.groups.helpdesk(), "auditor", this.groups.auditors(), "admin",
				this.groups.admins(), "monitor", this.groups.monitoring());
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		IdentityService identity = processEngine.getIdentityService();
		if (identity.isReadOnly()) {
			// A directory (LDAP) provides the people; the demo's cannot be written there.
			return;
		}
		for (String group : memberships().values()) {
			if (identity.createGroupQuery().groupId(group).count() == 0) {
				Group created = identity.newGroup(group);
				created.setName(group);
				created.setType(this.groups.admins().equals(group) ? "SYSTEM" : "WORKFLOW");
				identity.saveGroup(created);
			}
		}
		memberships().forEach((userId, group) -> {
			if (identity.createUserQuery().userId(userId).count() == 0) {
				User user = identity.newUser(userId);
				user.setFirstName(NAMES.get(userId)[0]);
				user.setLastName(NAMES.get(userId)[1]);
				user.setEmail(userId + "@soc.example");
				user.setPassword(userId);
				identity.saveUser(user);
			}
			if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
				identity.createMembership(userId, group);
			}
		});
	}

}
