package org.soc.runbook.remediation;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.Decisions;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.TasklistFormView;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenant.InboxRuleSpec;
import org.soc.runbook.tenant.TenantProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mailbox runbook as people use it: a case opened over the API, review and approval through Camunda's REST API
 * as the demo users, the job executor and the simulated tenant doing the rest, over real HTTP.
 */
@RunbookIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MailboxRunbookApplicationTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IdentityService identityService;

	@Autowired
	TenantProperties tenantProperties;

	CaseHttp cases;

	@BeforeEach
	void client() {
		this.cases = new CaseHttp(this.http);
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void aCaseRunsFromTheApiToReleasedAndVerifiedAndLeavesNoTraceOfThePassword(CapturedOutput output)
			throws Exception {
		String mailbox = restrictedUser();
		this.tenant.addInboxRule(mailbox, new InboxRuleSpec("fwd", false, List.of("a@thief.example"), List.of(),
				false, null));
		this.tenant.releaseDelay(Duration.ofSeconds(2));
		String caseId = openCase(mailbox);

		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");
		// Every field of the review that shows the evidence in words has them, as Tasklist reads the document.
		Map<String, String> evidence = TasklistFormView.evidenceShown("review-restricted-user",
				this.cases.get("analyst", TasklistFormView.formVariables(review)));
		assertThat(evidence).containsOnlyKeys(Stream.of(EvidenceSummary.HISTORY, EvidenceSummary.RULES,
				EvidenceSummary.FORWARDING, EvidenceSummary.SIGN_INS, EvidenceSummary.RISK, EvidenceSummary.MFA_METHODS)
			.map(EvidenceSummary::formKey)
			.toList());
		assertThat(evidence.get(EvidenceSummary.formKey(EvidenceSummary.RULES))).contains("'fwd'",
				"forwards to a@thief.example, outside the organisation");
		assertThat(this.cases.post("analyst", "/engine-rest/task/" + review + "/claim", Map.of("userId", "analyst"))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.cases.submit("analyst", review, Decisions.releaseMailboxOverRest()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		String approval = this.cases.awaitTask("secadmin", caseId, "Task_ApproveRelease");
		assertThat(evidence).as("the approver reads the evidence the reviewer read")
			.containsAllEntriesOf(TasklistFormView.evidenceShown("approve-release",
					this.cases.get("secadmin", TasklistFormView.formVariables(approval))));
		this.cases.post("secadmin", "/engine-rest/task/" + approval + "/claim", Map.of("userId", "secadmin"));
		assertThat(this.cases.submit("secadmin", approval, Decisions.approveOverRest()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// The user's way back in: the helpdesk calls back on a number on file and issues a one-time pass, shown once.
		String helpdeskTask = this.cases.awaitTask("helpdesk", caseId, "Task_RestoreAccess");
		JsonNode issued = this.cases.issuePass(caseId);
		String pass = this.tenant.temporaryAccessPasses(mailbox).get(0).pass();
		assertThat(issued.path("temporaryAccessPass").asText()).isEqualTo(pass);
		assertThat(issued.path("usableOnce").asBoolean()).isTrue();
		assertThat(this.cases.post("helpdesk", "/api/helpdesk/tasks/" + helpdeskTask + "/temporary-access-pass",
				Map.of("calledNumber", "+1 425 555 0100", "identityConfirmed", true)).getStatusCode())
			.as("asked again: the task is done and the pass is not shown again")
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.tenant.temporaryAccessPasses(mailbox)).as("no second pass").hasSize(1);

		this.cases.awaitEnded(caseId);
		assertThat(this.cases.endEvent(caseId)).isEqualTo("EndEvent_ReleasedAndVerified");
		// The case records who issued which kind of pass, when, for how long and how the caller was checked.
		JsonNode record = this.cases.get("auditor", "/engine-rest/history/variable-instance?processInstanceId=" + caseId
				+ "&variableNameLike=pass%");
		assertThat(record).extracting((v) -> v.path("name").asText() + "=" + v.path("value").asText())
			.contains("passIssuedBy=helpdesk", "passLifetimeMinutes=60", "passUsableOnce=true");
		assertThat(this.cases.get("auditor", "/engine-rest/history/variable-instance?processInstanceId=" + caseId
				+ "&variableName=identityCheck").get(0).path("value").asText())
			.isEqualTo("call-back to a number on file");
		// The auditors read it on the case's timeline, as the helpdesk's decision; the pass itself is not there.
		String timeline = this.cases.get("auditor", "/api/cases/" + caseId + "/audit").path("timeline").toString();
		assertThat(timeline).contains("Help the user back in completed by helpdesk; accessRestoration: "
				+ "temporaryAccessPass; passIssuedBy: helpdesk", "identityCheck: call-back to a number on file")
			.doesNotContain(pass);
		for (String write : List.of("resetPassword", "revokeSignInSessions", "addGroupMember",
				"Remove-BlockedSenderAddress")) {
			assertThat(this.tenant.calls(write)).as(write + " once")
				.filteredOn((c) -> c.target().equals(mailbox) || c.target().equals(userId(mailbox)))
				.hasSize(1);
		}

		String password = this.tenant.receivedPassword(mailbox).orElseThrow();
		String secret = this.tenantProperties.clientSecret();
		assertThat(everyValueInTheEngineTables()).noneMatch((value) -> value.contains(password))
			.noneMatch((value) -> value.contains(pass))
			.noneMatch((value) -> value.contains(secret));
		assertThat(output.getAll()).doesNotContain(password).doesNotContain(pass).doesNotContain(secret);
	}

	@Test
	void aMailboxThatNeverReleasesIsEscalatedToTheSocLeads() {
		String mailbox = restrictedUser();
		this.tenant.neverRelease(mailbox);
		String caseId = openCase(mailbox);
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");
		this.cases.submit("analyst", review, Decisions.releaseMailboxOverRest());
		this.cases.submit("secadmin", this.cases.awaitTask("secadmin", caseId, "Task_ApproveRelease"), Decisions.approveOverRest());

		String escalation = await().atMost(Duration.ofSeconds(40)).until(() -> this.cases.taskByBusinessKey("lead", "mailbox:" + mailbox,
				"Task_ResolveEscalation"), (id) -> id != null);
		// What Tasklist loads into the lead's form: the case's context, read from the case onto the task.
		JsonNode form = this.cases.get("lead", "/engine-rest/task/" + escalation + "/form-variables");
		assertThat(form.path("reviewComment").path("value").asText()).isEqualTo("Owner confirmed, rule removed.");
		assertThat(form.path("reasonSummary").path("value").asText()).isNotBlank();
		assertThat(form.path("containmentSummary").path("value").asText()).contains("Password reset");
		assertThat(form.path("runMode").path("value").asText()).startsWith("Live");
		assertThat(form.path("reviewedBy").path("value").asText()).isEqualTo("analyst");
		assertThat(form.path("approvedBy").path("value").asText()).isEqualTo("secadmin");
		assertThat(form.path("escalationReason").path("value").asText()).contains("Still on the Restricted");
		assertThat(this.cases.submit("lead", escalation, Map.of("escalationDecision", Map.of("value", "keepRestricted"),
				"escalationNote", Map.of("value", "Microsoft Support ticket 123 opened.")))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		this.cases.awaitEnded(caseId);
		assertThat(this.cases.endEvent(caseId)).isEqualTo("EndEvent_KeptRestrictedAfterEscalation");
		assertThat(this.tenant.calls("Remove-BlockedSenderAddress")).filteredOn((c) -> c.target().equals(mailbox))
			.hasSize(1);
	}

	@Test
	void aReviewerWhoIsAlsoASecurityAdministratorCannotApproveTheirOwnCase() {
		ensureDualRoleUser();
		String mailbox = restrictedUser();
		String caseId = openCase(mailbox);
		String review = this.cases.awaitTask("dualrole", caseId, "Task_ReviewRecommendations");
		assertThat(this.cases.submit("dualrole", review, Decisions.releaseMailboxOverRest()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		String approval = this.cases.awaitTask("dualrole", caseId, "Task_ApproveRelease");
		ResponseEntity<String> claim = this.cases.post("dualrole", "/engine-rest/task/" + approval + "/claim",
				Map.of("userId", "dualrole"));
		assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(claim.getBody()).contains("cannot also approve");
		ResponseEntity<String> complete = this.cases.submit("dualrole", approval, Decisions.approveOverRest());
		assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(complete.getBody()).contains("cannot also approve");

		// The case waits for another approver, who can.
		assertThat(this.cases.submit("secadmin", approval, Decisions.approveOverRest()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		this.cases.awaitEnded(caseId);
		assertThat(this.cases.endEvent(caseId)).isEqualTo("EndEvent_ReleasedAndVerified");
	}

	@Test
	void aReleaseWithoutEveryRecommendationIsRefusedWithAClearMessage() {
		String mailbox = restrictedUser();
		String caseId = openCase(mailbox);
		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");
		ResponseEntity<String> refused = this.cases.submit("analyst", review,
				Map.of("reviewDecision", Map.of("value", "release"), "reviewComment", Map.of("value", "fine")));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("A release needs every recommendation confirmed");
		assertThat(this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations")).isEqualTo(review);
	}

	@Test
	void aDryRunReadsTheTenantChangesNothingAndRecordsEveryChangeItWouldHaveSent() {
		String mailbox = restrictedUser();
		String rule = this.tenant.addInboxRule(mailbox, new InboxRuleSpec("fwd", false, List.of("a@thief.example"),
				List.of(), false, null));
		this.tenant.setMailboxForwarding(mailbox, "drop@thief.example", false);
		String userId = userId(mailbox);
		long callsBefore = this.tenant.calls().size();
		ResponseEntity<String> opened = this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", mailbox, "dryRun", true));
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String caseId = CaseHttp.json(opened.getBody()).path("id").asText();

		String review = this.cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations");
		JsonNode form = this.cases.get("analyst", "/engine-rest/task/" + review + "/form-variables");
		assertThat(form.path("runMode").path("value").asText()).startsWith("DRY RUN");
		assertThat(form.path("containmentSummary").path("value").asText()).startsWith("DRY RUN");
		assertThat(this.cases.submit("analyst", review, Map.of("reviewDecision", Map.of("value", "release"),
				"reviewComment", Map.of("value", "Rehearsal."), "accountUnderControl", Map.of("value", true),
				"rulesDealtWith", Map.of("value", true), "forwardingDealtWith", Map.of("value", true),
				"signInsReviewed", Map.of("value", true), "rulesToDisable",
				Map.of("value", CaseHttp.toJson(List.of(rule)), "type", "Json"), "clearForwarding",
				Map.of("value", true)))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		this.cases.submit("secadmin", this.cases.awaitTask("secadmin", caseId, "Task_ApproveRelease"),
				Decisions.approveOverRest());
		this.cases.awaitEnded(caseId);
		assertThat(this.cases.endEvent(caseId)).isEqualTo("EndEvent_DryRunComplete");

		// The tenant's own log: reads only, and the tenant as it was.
		List<String> operations = this.tenant.calls()
			.subList((int) callsBefore, this.tenant.calls().size())
			.stream()
			.filter((c) -> c.target().equals(mailbox) || c.target().equals(userId) || c.target().startsWith(mailbox))
			.map((c) -> c.operation())
			.distinct()
			.toList();
		assertThat(operations).isNotEmpty()
			.allSatisfy((op) -> assertThat(op).matches("(?i)^(get|list|search).*"));
		SimulatedTenant.UserSnapshot user = this.tenant.userState(mailbox);
		assertThat(user.passwordResets()).isZero();
		assertThat(user.inboxRulesEnabled()).containsValue(true).doesNotContainValue(false);
		assertThat(user.forwardingSmtpAddress()).isEqualTo("smtp:drop@thief.example");
		assertThat(this.tenant.isSenderBlocked(mailbox)).isTrue();

		// The history: every change it would have sent, as it would have gone out, without the password.
		JsonNode audit = CaseHttp.json(this.http.withBasicAuth("auditor", "auditor")
			.getForEntity("/api/cases/" + caseId + "/audit?format=json", String.class)
			.getBody());
		assertThat(audit.path("case").path("dryRun").asBoolean()).isTrue();
		assertThat(audit.path("case").path("outcome").asText()).isEqualTo("dryRunComplete");
		List<String> notSent = new java.util.ArrayList<>();
		audit.path("timeline").forEach((entry) -> {
			if (entry.path("summary").asText().startsWith("DRY RUN, not sent: ")) {
				notSent.add(entry.path("summary").asText());
			}
		});
		String recorded = String.join("\n", notSent);
		assertThat(recorded).containsPattern("resetPassword: PATCH \\S*/v1.0/users/" + userId + " ")
			.contains("\"forceChangePasswordNextSignIn\":true", "\"password\":\"(generated when sent; never recorded)\"")
			.containsPattern("revokeSignInSessions: POST \\S*/v1.0/users/" + userId + "/revokeSignInSessions")
			.contains("addGroupMember: POST", "Disable-InboxRule: POST", "\"Identity\":\"" + rule.replace("\\", "\\\\"),
					"Set-Mailbox: POST", "\"ForwardingSmtpAddress\":null", "Remove-BlockedSenderAddress: POST");
		assertThat(notSent).hasSizeGreaterThanOrEqualTo(5);
		assertThat(audit.path("timeline").toString()).contains("DRY RUN: nothing is changed in the tenant",
				"Case closed as: dryRunComplete");
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private String openCase(String mailbox) {
		ResponseEntity<String> opened = this.cases.post("analyst", "/api/cases", Map.of("type", "mailbox", "address", mailbox));
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return CaseHttp.json(opened.getBody()).path("id").asText();
	}

	private String userId(String mailbox) {
		return this.tenant.userState(mailbox).id();
	}

	private List<String> everyValueInTheEngineTables() throws SQLException, IOException {
		List<String> values = new java.util.ArrayList<>();
		List<String> tables = this.jdbc.queryForList(
				"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) LIKE 'ACT\\_%' "
						+ "OR UPPER(TABLE_NAME) LIKE 'RUNBOOK\\_%'", String.class);
		// Camunda's tables and the runbook's own (the case index, the notification outbox, refusals, decision notes).
		assertThat(tables).hasSizeGreaterThan(40).contains("RUNBOOK_NOTIFICATION", "RUNBOOK_DECISION_NOTE");
		for (String table : tables) {
			for (Map<String, Object> row : this.jdbc.queryForList("SELECT * FROM " + table)) {
				for (Object value : row.values()) {
					values.add(text(value));
				}
			}
		}
		return values;
	}

	private static String text(Object value) throws SQLException, IOException {
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (value instanceof Blob blob) {
			try (InputStream in = blob.getBinaryStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		if (value instanceof Clob clob) {
			try (Reader in = clob.getCharacterStream()) {
				StringBuilder text = new StringBuilder();
				char[] buffer = new char[4096];
				for (int n; (n = in.read(buffer)) > 0;) {
					text.append(buffer, 0, n);
				}
				return text.toString();
			}
		}
		return String.valueOf(value);
	}

	private void ensureDualRoleUser() {
		if (this.identityService.createUserQuery().userId("dualrole").count() == 0) {
			User user = this.identityService.newUser("dualrole");
			user.setPassword("dualrole");
			this.identityService.saveUser(user);
			this.identityService.createMembership("dualrole", "soc-analysts");
			this.identityService.createMembership("dualrole", "security-admins");
		}
	}

	private String restrictedUser() {
		String mailbox = "app.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "App User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=1500;");
		return mailbox;
	}

}
