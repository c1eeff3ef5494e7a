package org.soc.runbook.security;

import org.soc.runbook.tenant.TestTenants;
import java.util.Date;
import java.util.Map;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.EngineDriver;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory option against a real LDAP server in-process (UnboundID): people sign in with their directory
 * password, their directory groups play the runbook's roles as mapped by {@code runbook.groups.*}, and tasks go to
 * those groups. No Camunda user tables, no demo users.
 */
@Tag("own-jvm")
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "camunda.bpm.job-execution.enabled=false", "runbook.demo.enabled=false",
				"runbook.ldap.enabled=true", "runbook.groups.analysts=SOC-Tier1",
				"runbook.groups.security-admins=SecOps-Approvers", "runbook.groups.leads=SOC-Managers",
				"runbook.groups.auditors=Internal-Audit", "runbook.groups.admins=Runbook-Admins" })
@ActiveProfiles("test")
class DirectoryIdentityTests {

	private static final String BASE = "dc=contoso,dc=example";

	private static final InMemoryDirectoryServer DIRECTORY = directory();

	@DynamicPropertySource
	static void directoryProperties(DynamicPropertyRegistry registry) {
		registry.add("runbook.ldap.plugin.server-url", () -> "ldap://127.0.0.1:" + DIRECTORY.getListenPort() + "/");
		registry.add("runbook.ldap.plugin.manager-dn", () -> "cn=runbook," + BASE);
		registry.add("runbook.ldap.plugin.manager-password", () -> "directory-manager-secret");
		registry.add("runbook.ldap.plugin.base-dn", () -> BASE);
		registry.add("runbook.ldap.plugin.user-search-base", () -> "ou=people");
		registry.add("runbook.ldap.plugin.user-search-filter", () -> "(objectclass=inetOrgPerson)");
		registry.add("runbook.ldap.plugin.user-id-attribute", () -> "uid");
		registry.add("runbook.ldap.plugin.user-firstname-attribute", () -> "givenName");
		registry.add("runbook.ldap.plugin.user-lastname-attribute", () -> "sn");
		registry.add("runbook.ldap.plugin.user-email-attribute", () -> "mail");
		registry.add("runbook.ldap.plugin.group-search-base", () -> "ou=groups");
		registry.add("runbook.ldap.plugin.group-search-filter", () -> "(objectclass=groupOfNames)");
		registry.add("runbook.ldap.plugin.group-id-attribute", () -> "cn");
		registry.add("runbook.ldap.plugin.group-name-attribute", () -> "cn");
		registry.add("runbook.ldap.plugin.group-member-attribute", () -> "member");
		registry.add("runbook.ldap.plugin.authorization-check-enabled", () -> "false");
	}

	@AfterAll
	static void stopDirectory() {
		DIRECTORY.shutDown(true);
	}

	@Autowired
	IdentityService identityService;

	@Autowired
	TaskService taskService;

	@Autowired
	ManagementService managementService;

	@Autowired
	HistoryService historyService;

	@Autowired
	CaseStarter starter;

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void reset() {
		ClockUtil.reset();
		this.tenant.resetControls();
	}

	@Test
	void peopleSignInWithTheirDirectoryPasswordAndNoDemoUserExists() {
		assertThat(this.identityService.isReadOnly()).isTrue();
		assertThat(this.identityService.checkPassword("alice", "alice-directory-pw")).isTrue();
		assertThat(this.identityService.checkPassword("alice", "alice")).isFalse();
		assertThat(this.identityService.checkPassword("analyst", "analyst")).as("no demo users").isFalse();
		assertThat(this.identityService.createGroupQuery().groupMember("alice").list())
			.extracting((group) -> group.getId())
			.containsExactly("SOC-Tier1");
		assertThat(this.http.withBasicAuth("alice", "wrong").getForEntity("/engine-rest/task", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void reviewsGoToTheDirectoryGroupThatPlaysTheAnalystRole() {
		String mailbox = "directory.user@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Directory User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;");
		ClockUtil.setCurrentTime(new Date());
		String caseId = this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test").id();
		new EngineDriver(this.managementService, this.taskService, this.identityService, this.historyService)
			.runDueJobs();
		Task review = this.taskService.createTaskQuery()
			.processInstanceId(caseId)
			.taskDefinitionKey("Task_ReviewRecommendations")
			.singleResult();
		assertThat(this.taskService.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
			.contains("SOC-Tier1");

		CaseHttp people = new CaseHttp(this.http, (user) -> user + "-directory-pw");
		String reviews = "/engine-rest/task?processInstanceId=" + caseId + "&taskDefinitionKey=Task_ReviewRecommendations";
		assertThat(people.get("alice", reviews)).hasSize(1);
		assertThat(people.get("bob", reviews)).isEmpty();
		// Not in the directory group that plays the analysts: no candidate of the review.
		ResponseEntity<String> claim = people.post("bob", "/engine-rest/task/" + review.getId() + "/claim",
				Map.of("userId", "bob"));
		assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(claim.getBody()).contains("'bob' is not one of them");
		assertThat(people.post("alice", "/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "alice"))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	private static InMemoryDirectoryServer directory() {
		try {
			InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
			config.addAdditionalBindCredentials("cn=runbook," + BASE, "directory-manager-secret");
			config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
			InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
			server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: contoso");
			server.add("dn: ou=people," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
			server.add("dn: ou=groups," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: groups");
			person(server, "alice", "Alice", "Tier1");
			person(server, "bob", "Bob", "Approver");
			group(server, "SOC-Tier1", "alice");
			group(server, "SecOps-Approvers", "bob");
			server.startListening();
			return server;
		}
		catch (LDAPException | LDIFException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void person(InMemoryDirectoryServer server, String uid, String first, String last)
			throws LDAPException, LDIFException {
		server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: top", "objectClass: person",
				"objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid,
				"cn: " + first + " " + last, "givenName: " + first, "sn: " + last, "mail: " + uid + "@contoso.example",
				"userPassword: " + uid + "-directory-pw");
	}

	private static void group(InMemoryDirectoryServer server, String name, String member) throws LDAPException, LDIFException {
		server.add("dn: cn=" + name + ",ou=groups," + BASE, "objectClass: top", "objectClass: groupOfNames",
				"cn: " + name, "member: uid=" + member + ",ou=people," + BASE);
	}

}
