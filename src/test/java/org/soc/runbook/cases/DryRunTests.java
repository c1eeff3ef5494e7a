package org.soc.runbook.cases;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantDryRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A step's changes in each run mode: live they are sent and nothing is recorded; in a dry run each request the clients
 * would have sent is recorded in order, secrets replaced, and none is sent; the recording ends with the step, even a
 * failed one, so that the next job on the thread sends for real; and a notice of a dry run says so.
 */
class DryRunTests {

	private static final URI USER = URI.create("https://graph.microsoft.com/v1.0/users/6e7b768e");

	@Test
	void liveTheChangesAreSentAndNothingIsRecorded() {
		DelegateExecution execution = CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.DRY_RUN, false)));
		AtomicBoolean sent = new AtomicBoolean();
		boolean applied = DryRun.apply(execution, () -> sent.set(!clientIntercepts("revokeSignInSessions", null)));
		assertThat(applied).isTrue();
		assertThat(sent).as("the client was not told to hold the request back").isTrue();
		assertThat(execution.getVariable(CaseVariables.WOULD_BE_CHANGE)).isNull();
	}

	@Test
	void aDryRunRecordsEveryRequestInOrderWithSecretsReplacedAndSendsNone() {
		DelegateExecution execution = CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.DRY_RUN, true)));
		ObjectNode body = new ObjectMapper().createObjectNode();
		body.putObject("passwordProfile").put("forceChangePasswordNextSignIn", true).put("password", "S3cret!x");
		AtomicBoolean sent = new AtomicBoolean();
		boolean applied = DryRun.apply(execution, () -> {
			sent.compareAndSet(false, !clientIntercepts("resetPassword", body));
			sent.compareAndSet(false, !clientIntercepts("revokeSignInSessions", null));
		});
		assertThat(applied).isFalse();
		assertThat(sent).isFalse();
		assertThat(((String) execution.getVariable(CaseVariables.WOULD_BE_CHANGE)).lines()).containsExactly(
				"Graph resetPassword: PATCH /v1.0/users/6e7b768e {\"passwordProfile\":"
						+ "{\"forceChangePasswordNextSignIn\":true,"
						+ "\"password\":\"(generated when sent; never recorded)\"}}",
				"Graph revokeSignInSessions: PATCH /v1.0/users/6e7b768e");
	}

	@Test
	void aDryRunThatWouldChangeNothingRecordsNothing() {
		// History keeps every value of the variable: an empty one would be a line in the timeline saying nothing.
		DelegateExecution execution = CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.DRY_RUN, true)));
		assertThat(DryRun.apply(execution, () -> {
		})).isFalse();
		assertThat(execution.hasVariable(CaseVariables.WOULD_BE_CHANGE)).isFalse();
	}

	@Test
	void theRecordingEndsWithTheStepEvenWhenItFails() {
		DelegateExecution execution = CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.DRY_RUN, true)));
		assertThatThrownBy(() -> DryRun.apply(execution, () -> {
			clientIntercepts("resetPassword", null);
			throw new IllegalStateException("a read failed");
		})).hasMessage("a read failed");
		assertThat(clientIntercepts("resetPassword", null)).as("the next live job on this thread sends").isFalse();
	}

	@Test
	void aNoticeOfADryRunSaysSoInWordsAndFacts() {
		Map<String, Object> facts = new LinkedHashMap<>();
		assertThat(DryRun.labelled(CaseVariablesFake.execution(Map.of(CaseVariables.DRY_RUN, true)), "Case escalated.",
				facts))
			.isEqualTo("[DRY RUN] Case escalated.");
		assertThat(facts).containsEntry("dryRun", true);

		Map<String, Object> liveFacts = new LinkedHashMap<>();
		assertThat(DryRun.labelled(CaseVariablesFake.execution(Map.of(CaseVariables.DRY_RUN, false)),
				"Case escalated.", liveFacts))
			.isEqualTo("Case escalated.");
		assertThat(liveFacts).isEmpty();
	}

	/** What a client does before each write: true when a dry run took the request instead of the wire. */
	private static boolean clientIntercepts(String operation, ObjectNode body) {
		return TenantDryRun.intercepted(TenantApi.GRAPH, operation, "PATCH", USER, body);
	}

}
