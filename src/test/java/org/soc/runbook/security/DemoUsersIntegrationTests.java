package org.soc.runbook.security;

import java.util.EnumMap;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's users and groups, and the webapp access the groups get, created once however often it runs. */
@RunbookIntegrationTest
class DemoUsersIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identityService;

	@Autowired
	AuthorizationService authorizationService;

	@Autowired
	RunbookGroups groups;

	@Autowired
	DemoUsers demoUsers;

	@Autowired
	GroupAuthorizations grants;

	@Test
	void everyDemoUserIsInItsGroupAndSignsInWithItsName() {
		this.demoUsers.memberships().forEach((user, group) -> {
			assertThat(this.identityService.createUserQuery().userId(user).memberOfGroup(group).count())
				.as(user + " in " + group)
				.isEqualTo(1);
			assertThat(this.identityService.checkPassword(user, user)).as(user).isTrue();
		});
		assertThat(this.identityService.createGroupQuery().groupIdIn(this.groups.all().toArray(String[]::new)).count())
			.isEqualTo(this.groups.all().size());
	}

	@Test
	void runningTheStartUpStepsAgainCreatesNothingNew() {
		long users = this.identityService.createUserQuery().count();
		long groups = this.identityService.createGroupQuery().count();
		long memberships = this.identityService.createUserQuery().memberOfGroup(this.groups.analysts()).count();
		long applicationGrants = this.authorizationService.createAuthorizationQuery()
			.resourceType(Resources.APPLICATION)
			.count();
		Map<Resources, Long> grants = grantsBesideTasks();

		this.demoUsers.postProcessEngineBuild(this.engine);
		this.grants.postProcessEngineBuild(this.engine);

		assertThat(this.identityService.createUserQuery().count()).isEqualTo(users);
		assertThat(this.identityService.createGroupQuery().count()).isEqualTo(groups);
		assertThat(this.identityService.createUserQuery().memberOfGroup(this.groups.analysts()).count())
			.isEqualTo(memberships);
		assertThat(this.authorizationService.createAuthorizationQuery().resourceType(Resources.APPLICATION).count())
			.isEqualTo(applicationGrants);
		assertThat(grantsBesideTasks()).isEqualTo(grants);
	}

	/**
	 * Grants by resource type, but for tasks: the engine grants a task's candidates and assignee as cases of other
	 * tests move on in the background, which says nothing about the start-up steps.
	 */
	private Map<Resources, Long> grantsBesideTasks() {
		Map<Resources, Long> grants = new EnumMap<>(Resources.class);
		for (Resources resource : Resources.values()) {
			if (resource != Resources.TASK) {
				grants.put(resource, this.authorizationService.createAuthorizationQuery().resourceType(resource).count());
			}
		}
		return grants;
	}

	@Test
	void analystsMayOpenTasklist() {
		assertThat(this.authorizationService.createAuthorizationQuery()
			.groupIdIn(this.groups.analysts())
			.resourceType(Resources.APPLICATION)
			.resourceId("tasklist")
			.count()).isEqualTo(1);
	}

}
