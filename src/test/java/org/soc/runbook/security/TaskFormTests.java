package org.soc.runbook.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link TaskForm}: what a person may submit with a task, read from the project's own forms. */
class TaskFormTests {

	private static final Map<String, Object> NO_OPTIONS = Map.of();

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void theReviewFormTakesTheChecklistTheChoicesAndTheDecisionOnly() throws IOException {
		TaskForm review = form("review-restricted-user");
		assertThat(review.fields().keySet()).containsExactly("accountUnderControl", "rulesDealtWith",
				"forwardingDealtWith", "signInsReviewed", "rulesToDisable", "clearForwarding", "reviewDecision",
				"reviewComment");
		assertThat(form("approve-release").fields().keySet()).containsExactly("approvalDecision", "approvalComment");
		assertThat(form("resolve-escalation").fields().keySet()).containsExactly("escalationDecision",
				"escalationNote");
		assertThat(form("review-restricted-connector").fields().keySet()).contains("investigateAdmin", "adminAccount")
			.doesNotContain("connectorName", "entityId", "approvalComment");
	}

	@Test
	void aFieldTheFormDoesNotHaveIsNamedAndNothingFits() throws IOException {
		TaskForm review = form("review-restricted-user");
		assertThat(review.misfit(Map.of("reviewDecision", "release", "entityId", "ceo@contoso.example"), List.of(),
				NO_OPTIONS::get, JSON))
			.startsWith("This task's form (review-restricted-user) has no field 'entityId'; it takes only "
					+ "'accountUnderControl',")
			.endsWith("Nothing was changed.");
		assertThat(review.misfit(Map.of(), List.of("evidence"), NO_OPTIONS::get, JSON)).contains("no field 'evidence'");
		assertThat(form("approve-release").misfit(Map.of("reviewedBy", "secadmin"), List.of(), NO_OPTIONS::get, JSON))
			.contains("no field 'reviewedBy'");
	}

	@Test
	void eachFieldTakesOnlyTheKindOfValueItShows() throws IOException {
		TaskForm review = form("review-restricted-user");
		// As the evidence step stores them: a JSON variable of {label, value} options.
		Map<String, Object> options = Map.of("ruleOptions",
				org.camunda.spin.Spin.JSON("[{\"label\":\"'fwd'\",\"value\":\"rule-1\"}]"));
		assertThat(review.misfit(Map.of("accountUnderControl", true, "clearForwarding", "false", "reviewDecision",
				"keepRestricted", "reviewComment", "Owner called back.", "rulesToDisable",
				org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"rule-1\"]").create()),
				List.of(), options::get, JSON)).isNull();
		assertThat(review.misfit(Map.of("accountUnderControl", "yes"), List.of(), options::get, JSON))
			.contains("'accountUnderControl' takes true or false");
		assertThat(review.misfit(Map.of("reviewDecision", "releaseWithoutApproval"), List.of(), options::get, JSON))
			.contains("'reviewDecision' has no option 'releaseWithoutApproval'");
		assertThat(review.misfit(Map.of("rulesToDisable", List.of("rule-of-another-mailbox")), List.of(),
				options::get, JSON))
			.contains("'rulesToDisable' has no option '\"rule-of-another-mailbox\"'");
		assertThat(review.misfit(Map.of("reviewComment", "x".repeat(1001)), List.of(), options::get, JSON))
			.contains("'reviewComment' is longer than 1000 characters");
		assertThat(review.misfit(Map.of("reviewComment",
				Variables.serializedObjectValue("rO0AB").serializationDataFormat("application/x-java-serialized-object")
					.create()),
				List.of(), options::get, JSON))
			.contains("is sent as an object, which no form sends");
		assertThat(review.misfit(Map.of("reviewComment", Variables.stringValue("kept out of the record", true)),
				List.of(), options::get, JSON))
			.contains("'reviewComment' is sent as transient");
		assertThat(review.misfit(Map.of("reviewComment", Variables.objectValue(new java.util.Date()).create()),
				List.of(), options::get, JSON))
			.contains("is sent as an object");
	}

	private static TaskForm form(String id) throws IOException {
		try (InputStream form = Files.newInputStream(Path.of("forms", id + ".form"))) {
			return TaskForm.read(form, JSON);
		}
	}

}
