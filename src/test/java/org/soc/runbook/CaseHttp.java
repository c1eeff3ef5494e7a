package org.soc.runbook;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.soc.runbook.cases.CaseVariables;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A case as people work it over HTTP: the demo users (password = user name) on Camunda's REST API and the
 * project's own endpoints, waiting for tasks and ends the way a client polls.
 */
public final class CaseHttp {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final TestRestTemplate http;

	private final UnaryOperator<String> passwords;

	/** As the demo users, whose password is their name. */
	public CaseHttp(TestRestTemplate http) {
		this(http, UnaryOperator.identity());
	}

	/** As users whose password {@code passwords} gives. */
	public CaseHttp(TestRestTemplate http, UnaryOperator<String> passwords) {
		this.http = http;
		this.passwords = passwords;
	}

	/** POSTs the body as JSON as the user. */
	public ResponseEntity<String> post(String user, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth(user, this.passwords.apply(user)).postForEntity(path, new HttpEntity<>(toJson(body), headers),
				String.class);
	}

	/** The body as JSON text. */
	public static String toJson(Object body) {
		try {
			return JSON.writeValueAsString(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** GETs the path as the user; fails the test unless it answers 200. */
	public JsonNode get(String user, String path) {
		ResponseEntity<String> response = this.http.withBasicAuth(user, this.passwords.apply(user)).getForEntity(path, String.class);
		assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
		return json(response.getBody());
	}

	/** Submits the task's form with Camunda REST's typed variables ({@code {"name":{"value":...}}}). */
	public ResponseEntity<String> submit(String user, String taskId, Map<String, Object> variables) {
		return post(user, "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables));
	}

	/** Waits until the user sees the case's task at the activity; its id. */
	public String awaitTask(String user, String caseId, String taskKey) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			JsonNode tasks = get(user, "/engine-rest/task?processInstanceId=" + caseId + "&taskDefinitionKey=" + taskKey);
			return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
		}, (id) -> id != null);
	}

	/** The user's task at the activity of the case with the business key, or null. */
	public String taskByBusinessKey(String user, String businessKey, String taskKey) {
		JsonNode tasks = get(user, "/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey="
				+ taskKey);
		return tasks.isEmpty() ? null : tasks.get(0).path("id").asText();
	}

	/** Waits until the user sees the task at the activity of the case with the business key; its id. */
	public String awaitTaskByBusinessKey(String user, String businessKey, String taskKey) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> taskByBusinessKey(user, businessKey, taskKey), (id) -> id != null);
	}

	/**
	 * Waits until the case has ended. A case whose user's password was reset ends only when the user has a way back
	 * in: once its outcome is decided, the helpdesk issues a Temporary Access Pass on a number on file, as people do.
	 */
	public void awaitEnded(String caseId) {
		await().atMost(Duration.ofSeconds(40)).until(() -> {
			if ("COMPLETED".equals(state(caseId))) {
				return true;
			}
			if (outcome(caseId) != null && !get("helpdesk",
					"/engine-rest/task?processInstanceId=" + caseId + "&taskDefinitionKey=Task_RestoreAccess")
				.isEmpty()) {
				issuePass(caseId);
			}
			return false;
		});
	}

	private String state(String caseId) {
		return get("admin", "/engine-rest/history/process-instance/" + caseId).path("state").asText();
	}

	private String outcome(String caseId) {
		JsonNode outcome = get("admin", "/engine-rest/history/variable-instance?processInstanceId=" + caseId
				+ "&variableName=" + CaseVariables.CASE_OUTCOME);
		return outcome.isEmpty() ? null : outcome.get(0).path("value").asText(null);
	}

	/**
	 * The helpdesk's step of the case done on the helpdesk's API: a call-back to the first number on file and a
	 * Temporary Access Pass; the answer (with the pass).
	 */
	public JsonNode issuePass(String caseId) {
		String taskId = awaitTask("helpdesk", caseId, "Task_RestoreAccess");
		JsonNode numbers = get("helpdesk", "/engine-rest/task/" + taskId + "/variables/"
				+ CaseVariables.CALL_BACK_NUMBERS);
		String number = numbers.path("value").asText().split("\n")[0];
		ResponseEntity<String> issued = post("helpdesk", "/api/helpdesk/tasks/" + taskId + "/temporary-access-pass",
				Map.of("calledNumber", number, "identityConfirmed", true));
		assertThat(issued.getStatusCode()).as(issued.getBody()).isEqualTo(HttpStatus.CREATED);
		return json(issued.getBody());
	}

	/** The end event of the case's release path (not the helpdesk's, not a "leads told"). */
	public String endEvent(String caseId) {
		JsonNode ends = get("admin",
				"/engine-rest/history/activity-instance?processInstanceId=" + caseId + "&activityType=noneEndEvent");
		List<String> outcomes = new ArrayList<>();
		for (JsonNode end : ends) {
			String id = end.path("activityId").asText();
			if (!id.equals("EndEvent_NotLockedOut") && !id.equals("EndEvent_UserBackIn")
					&& !id.endsWith("OverdueNotified")) {
				outcomes.add(id);
			}
		}
		assertThat(outcomes).hasSize(1);
		return outcomes.get(0);
	}

	/** The body as JSON. */
	public static JsonNode json(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(body, ex);
		}
	}

}
