package org.soc.runbook.security;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's people, one per group, each with their user name as password. Only with {@code runbook.demo.enabled}
 * (never in production). Created when missing, so a restart of the demo keeps its file database as it was.
 */
@Component
@ConditionalOnProperty(name = "runbook.demo.enabled", havingValue = "true")
class DemoUsers extends AbstractProcessEnginePlugin {

	/** User id → group id. */
	static final Map<String, String> USERS = Map.of("analyst", RunbookGroups.SOC_ANALYSTS, "secadmin",
			RunbookGroups.SECURITY_ADMINS, "lead", RunbookGroups.SOC_LEADS, "auditor", RunbookGroups.AUDITORS, "admin",
			RunbookGroups.CAMUNDA_ADMIN);

	private static final Map<String, String[]> NAMES = Map.of("analyst", new String[] { "Sam", "Analyst" },
			"secadmin", new String[] { "Robin", "Securityadmin" }, "lead", new String[] { "Kim", "Lead" }, "auditor",
			new String[] { "Alex", "Auditor" }, "admin", new String[] { "Ada", "Admin" });

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		IdentityService identity = processEngine.getIdentityService();
		for (String group : RunbookGroups.ALL) {
			if (identity.createGroupQuery().groupId(group).count() == 0) {
				Group created = identity.newGroup(group);
				created.setName(group);
				created.setType(RunbookGroups.CAMUNDA_ADMIN.equals(group) ? "SYSTEM" : "WORKFLOW");
				identity.saveGroup(created);
			}
		}
		USERS.forEach((userId, group) -> {
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
