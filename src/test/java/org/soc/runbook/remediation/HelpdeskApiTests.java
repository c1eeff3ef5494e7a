package org.soc.runbook.remediation;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helpdesk's step attacked through each surface a signed-in person reaches: the helpdesk's API (who may issue a
 * pass, to whom it may be read out, what Microsoft's refusals leave behind) and Tasklist's and Camunda's REST
 * completion (a pass recorded without one, a self-service reset for a user who cannot do it, the record's fields
 * written by hand). Every refusal is a 4xx with a sentence and issues nothing.
 */
@RunbookIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HelpdeskApiTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

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
	void aPassIsIssuedOnlyToTheTasksCandidatesAfterACallBackToANumberOnFile(CapturedOutput output) {
		String mailbox = containedUser();
		String caseId = open(mailbox);
		String task = this.cases.awaitTask("helpdesk", caseId, "Task_RestoreAccess");
		String path = "/api/helpdesk/tasks/" + task + "/temporary-access-pass";

		// The helpdesk's list names the user, says they cannot reset it themselves, and gives the numbers on file.
		JsonNode waiting = this.cases.get("helpdesk", "/api/helpdesk/tasks").path("tasks");
		JsonNode row = null;
		for (JsonNode candidate : waiting) {
			if (mailbox.equals(candidate.path("mailbox").asText())) {
				row = candidate;
			}
		}
		assertThat(row).as("the helpdesk sees the contained user").isNotNull();
		assertThat(row.path("canResetThemselves").asBoolean()).isFalse();
		assertThat(row.path("callBackNumbers").toString()).contains("+44 20 7946 0999");
		assertThat(status(this.http.withBasicAuth("analyst", "analyst").getForEntity("/api/helpdesk/tasks",
				String.class))).isEqualTo(HttpStatus.FORBIDDEN);

		// An analyst or a lead does not even see the helpdesk's task (a lead becomes a candidate once it is overdue); an
		// engine administrator sees every task but is no candidate.
		ResponseEntity<String> analyst = this.cases.post("analyst", path,
				Map.of("calledNumber", "+44 20 7946 0999", "identityConfirmed", true));
		assertThat(status(analyst)).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(analyst.getBody()).contains("Nothing was issued");
		assertThat(status(this.cases.post("lead", path, Map.of("calledNumber", "+44 20 7946 0999",
				"identityConfirmed", true)))).isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<String> admin = this.cases.post("admin", path,
				Map.of("calledNumber", "+44 20 7946 0999", "identityConfirmed", true));
		assertThat(status(admin)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(admin.getBody()).contains("Only the task's candidates issue a pass");

		ResponseEntity<String> unconfirmed = this.cases.post("helpdesk", path,
				Map.of("calledNumber", "+44 20 7946 0999"));
		assertThat(status(unconfirmed)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unconfirmed.getBody()).contains("Confirm that you called the user back");

		// The caller's own number is exactly what an attacker who took over the mailbox would give.
		ResponseEntity<String> callersNumber = this.cases.post("helpdesk", path,
				Map.of("calledNumber", "+1 555 0100 666", "identityConfirmed", true));
		assertThat(status(callersNumber)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(callersNumber.getBody()).contains("Call back only to a number on file", "+44 20 7946 0999");

		assertThat(this.tenant.temporaryAccessPasses(mailbox)).as("nothing issued").isEmpty();
		assertThat(this.cases.get("helpdesk", "/engine-rest/task?processInstanceId=" + caseId
				+ "&taskDefinitionKey=Task_RestoreAccess")).hasSize(1);
		assertThat(output.getAll()).contains("Refused for admin on mailbox:" + mailbox + " at Task_RestoreAccess",
				"Refused for helpdesk on mailbox:" + mailbox + " at Task_RestoreAccess");
		// Each refusal about the case is on its timeline for the auditors.
		assertThat(this.cases.get("auditor", "/api/cases/" + caseId + "/audit").path("timeline").toString())
			.contains("Call back only to a number on file");
	}

	@Test
	void microsoftsRefusalsAreShownInItsWordsAndRecordNothing() {
		String mailbox = containedUser();
		String caseId = open(mailbox);
		String task = this.cases.awaitTask("helpdesk", caseId, "Task_RestoreAccess");
		String path = "/api/helpdesk/tasks/" + task + "/temporary-access-pass";
		Map<String, Object> confirmed = Map.of("calledNumber", "+44 20 7946 0999", "identityConfirmed", true);

		this.tenant.setTemporaryAccessPassEnabled(false);
		ResponseEntity<String> policyOff = this.cases.post("helpdesk", path, confirmed);
		assertThat(status(policyOff)).isEqualTo(HttpStatus.CONFLICT);
		assertThat(policyOff.getBody()).contains("Microsoft refused the pass", "disabled by the authentication methods policy");
		this.tenant.setTemporaryAccessPassEnabled(true);

		this.tenant.excludeFromTemporaryAccessPass(mailbox);
		ResponseEntity<String> notEligible = this.cases.post("helpdesk", path, confirmed);
		assertThat(status(notEligible)).isEqualTo(HttpStatus.CONFLICT);
		assertThat(notEligible.getBody()).contains("not a member of a group targeted");

		// The task is still the helpdesk's, and the case records no pass.
		assertThat(this.cases.get("helpdesk", "/engine-rest/task/" + task).path("assignee").asText()).isEqualTo("helpdesk");
		JsonNode record = this.cases.get("admin", "/engine-rest/history/variable-instance?processInstanceId=" + caseId
				+ "&variableName=" + CaseVariables.PASS_ISSUED_AT);
		assertThat(record).isEmpty();
		assertThat(this.tenant.temporaryAccessPasses(mailbox)).isEmpty();
	}

	@Test
	void tasklistAndCamundasRestCannotRecordAPassOrASelfServiceResetThatDidNotHappen() {
		String mailbox = containedUser();
		String caseId = open(mailbox);
		String task = this.cases.awaitTask("helpdesk", caseId, "Task_RestoreAccess");

		// The form offers self-service reset only; this user has no method for it.
		ResponseEntity<String> selfService = this.cases.submit("helpdesk", task,
				Map.of(CaseVariables.ACCESS_RESTORATION, Map.of("value", "selfServiceReset")));
		assertThat(status(selfService)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(selfService.getBody()).contains("no method self-service reset can use");

		// A pass "issued" by completing the task: not an option the form offers.
		ResponseEntity<String> claimedPass = this.cases.post("helpdesk", "/engine-rest/task/" + task + "/complete",
				Map.of("variables", Map.of(CaseVariables.ACCESS_RESTORATION, Map.of("value", "temporaryAccessPass"))));
		assertThat(status(claimedPass)).isEqualTo(HttpStatus.BAD_REQUEST);

		// The pass's record written by hand: not a field of the form.
		ResponseEntity<String> forgedRecord = this.cases.submit("helpdesk", task,
				Map.of(CaseVariables.ACCESS_RESTORATION, Map.of("value", "selfServiceReset"),
						CaseVariables.PASS_ISSUED_BY, Map.of("value", "helpdesk"), CaseVariables.PASS_ISSUED_AT,
						Map.of("value", "2026-12-01T10:00:00Z")));
		assertThat(status(forgedRecord)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(forgedRecord.getBody()).contains(CaseVariables.PASS_ISSUED_BY);

		assertThat(this.cases.get("helpdesk", "/engine-rest/task?processInstanceId=" + caseId
				+ "&taskDefinitionKey=Task_RestoreAccess")).as("the step is still open").hasSize(1);
		JsonNode restoration = this.cases.get("admin", "/engine-rest/history/variable-instance?processInstanceId="
				+ caseId + "&variableName=" + CaseVariables.ACCESS_RESTORATION);
		assertThat(restoration).isEmpty();
	}

	/** A restricted user with no method self-service reset accepts and one number on the profile. */
	private String containedUser() {
		String mailbox = "helpdesk.api" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Helpdesk Api User");
		this.tenant.setPhones(mailbox, "+44 20 7946 0999", java.util.List.of());
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=900;");
		return mailbox;
	}

	private String open(String mailbox) {
		ResponseEntity<String> opened = this.cases.post("analyst", "/api/cases",
				Map.of("type", "mailbox", "address", mailbox));
		assertThat(status(opened)).isEqualTo(HttpStatus.CREATED);
		return CaseHttp.json(opened.getBody()).path("id").asText();
	}

	private static HttpStatus status(ResponseEntity<String> response) {
		return HttpStatus.valueOf(response.getStatusCode().value());
	}

}
