package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.CaseValues;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.Text;
import org.soc.runbook.security.RefusedAttempts;
import org.soc.runbook.security.RunbookGroups;
import org.soc.runbook.tenant.TenantException;
import org.soc.runbook.tenant.graph.TemporaryAccessPass;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The helpdesk's side of the user's way back in ({@code Task_RestoreAccess}), for the page {@code /helpdesk/}:
 * <ul>
 * <li>{@code GET /api/helpdesk/tasks}: the contained users waiting, with whether they can reset the password
 * themselves and the numbers on file to call back;</li>
 * <li>{@code POST /api/helpdesk/tasks/{taskId}/temporary-access-pass}: after the call-back to a number on file,
 * Graph creates a one-time Temporary Access Pass, the task is completed with its record (who, when, lifetime, the
 * identity check) and the pass is in this one answer, never in a variable, the history, a log line or the audit
 * trail. A second request finds the task done and shows nothing.</li>
 * </ul>
 * Only members of the helpdesk group (and the SOC leads once the task is overdue) who are the task's candidates may
 * do either; every refusal is a 4xx with a sentence and one WARN line with the case key.
 */
@RestController
@RequestMapping("/api/helpdesk/tasks")
@Tag(name = "Helpdesk")
class HelpdeskController {

	/** The user task this serves. */
	static final String TASK = "Task_RestoreAccess";

	/** The identity check this page records: the only one it accepts. */
	static final String CALL_BACK = "call-back to a number on file";

	/** What the refusals of a pass say was asked. */
	private static final String ISSUE = "issue a Temporary Access Pass";

	private static final Logger LOG = LoggerFactory.getLogger(HelpdeskController.class);

	private final TaskService tasks;

	private final IdentityService identity;

	private final Tenants tenants;

	private final HelpdeskProperties properties;

	private final RunbookGroups groups;

	private final CommandExecutor engine;

	private final RefusedAttempts refusals;

	HelpdeskController(ProcessEngine processEngine, Tenants tenants, HelpdeskProperties properties,
			RunbookGroups groups, RefusedAttempts refusals) {
		this.refusals = refusals;
		this.tasks = processEngine.getTaskService();
		this.identity = processEngine.getIdentityService();
		this.tenants = tenants;
		this.properties = properties;
		this.groups = groups;
		this.engine = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Contained users waiting for a way back in",
			description = "For the helpdesk group (HTTP basic): each open helpdesk task with the user, whether they "
					+ "can reset the password themselves, and the numbers on file to call back.")
	ResponseEntity<?> waiting() {
		Authentication person = this.identity.getCurrentAuthentication();
		if (!inGroup(person, this.groups.helpdesk()) && !inGroup(person, this.groups.leads())) {
			return refuse(HttpStatus.FORBIDDEN, person, null, "list the helpdesk's tasks",
					"Only the " + this.groups.helpdesk() + " group (and the "
					+ this.groups.leads() + " for overdue tasks) give users a way back in.");
		}
		List<Map<String, Object>> waiting = new ArrayList<>();
		for (Task task : this.tasks.createTaskQuery()
			.taskDefinitionKey(TASK)
			.taskCandidateGroupIn(Arrays.asList(groupIds(person)))
			.includeAssignedTasks()
			.orderByDueDate()
			.asc()
			.list()) {
			Map<String, Object> variables = this.tasks.getVariables(task.getId(),
					List.of(CaseVariables.ENTITY_ID, CaseVariables.USER_DISPLAY_NAME, CaseVariables.SIGN_IN_OPTIONS,
							CaseVariables.CAN_RESET_THEMSELVES, CaseVariables.CALL_BACK_NUMBERS));
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("taskId", task.getId());
			row.put("mailbox", variables.get(CaseVariables.ENTITY_ID));
			row.put("user", variables.get(CaseVariables.USER_DISPLAY_NAME));
			row.put("canResetThemselves", CaseValues.isTrue(variables.get(CaseVariables.CAN_RESET_THEMSELVES)));
			row.put("signInOptions", variables.get(CaseVariables.SIGN_IN_OPTIONS));
			row.put("callBackNumbers", numbers(variables.get(CaseVariables.CALL_BACK_NUMBERS)));
			row.put("assignee", task.getAssignee());
			row.put("due", (task.getDueDate() != null) ? task.getDueDate().toInstant().toString() : null);
			waiting.add(row);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("tasks", waiting));
	}

	@PostMapping(path = "/{taskId}/temporary-access-pass", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Issue a Temporary Access Pass after a call-back",
			description = "Body: {\"calledNumber\": a number on file, \"identityConfirmed\": true}. 201 with the pass, "
					+ "shown this once and kept nowhere; 400 when the call-back is not confirmed or the number is not "
					+ "on file; 403 for someone not a candidate; 404 when no such open task; 409 when the task is "
					+ "someone else's, the case is a dry run, or Microsoft refused the pass (its words are given).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json", examples = {
							@ExampleObject(name = "mobile", summary = "Called back on the profile's mobile number",
									value = "{\"calledNumber\":\"+44 20 7946 0958\",\"identityConfirmed\":true}"),
							@ExampleObject(name = "office", summary = "Called back on a business number on file",
									value = "{\"calledNumber\":\"+44 20 7946 0100\",\"identityConfirmed\":true}") })))
	ResponseEntity<?> issue(
			@Parameter(description = "The helpdesk task's id, as GET /api/helpdesk/tasks lists it",
					example = "9f1c2b3a-ee9b-11f1-8261-02fc00000001") @PathVariable String taskId,
			@RequestBody(required = false) Map<String, Object> body) {
		Authentication person = this.identity.getCurrentAuthentication();
		Task task = this.tasks.createTaskQuery().taskId(taskId).taskDefinitionKey(TASK).singleResult();
		if (task == null) {
			return refuse(HttpStatus.NOT_FOUND, person, null, ISSUE, "No open helpdesk task has the id " + Text.line(taskId, 64)
					+ ": it may be done already (a pass is shown only once) or not yours to see. Nothing was issued.");
		}
		String caseKey = caseKey(task);
		if (!candidate(task, person)) {
			return refuse(HttpStatus.FORBIDDEN, person, task, ISSUE, "Only the task's candidates issue a pass; '"
					+ person.getUserId() + "' is not one of them. Nothing was issued.");
		}
		if (task.getAssignee() != null && !task.getAssignee().equals(person.getUserId())) {
			return refuse(HttpStatus.CONFLICT, person, task, ISSUE, "The task is claimed by " + task.getAssignee()
					+ "; they issue the pass, or unclaim it first. Nothing was issued.");
		}
		if (body == null || !Boolean.TRUE.equals(body.get("identityConfirmed"))) {
			return refuse(HttpStatus.BAD_REQUEST, person, task, ISSUE, "Confirm that you called the user back on a number on "
					+ "file and they proved who they are (identityConfirmed: true). Nothing was issued.");
		}
		Map<String, Object> variables = this.tasks.getVariables(taskId);
		List<String> onFile = numbers(variables.get(CaseVariables.CALL_BACK_NUMBERS));
		Object called = body.get("calledNumber");
		if (!(called instanceof String number) || !onFile.contains(number)) {
			return refuse(HttpStatus.BAD_REQUEST, person, task, ISSUE, "Call back only to a number on file ("
					+ (onFile.isEmpty() ? "there is none: the user must come in person" : String.join(", ", onFile))
					+ "), never to a number the caller gives. Nothing was issued.");
		}
		if (CaseValues.isTrue(variables.get(CaseVariables.DRY_RUN))) {
			return refuse(HttpStatus.CONFLICT, person, task, ISSUE, "This case is a dry run: its password was not reset, so no "
					+ "pass is needed and none was issued.");
		}
		TemporaryAccessPass pass;
		try {
			// Claimed first, so that two people cannot each issue one (a new pass would replace the first).
			this.tasks.claim(taskId, person.getUserId());
			// The user is in the case's customer's tenant.
			pass = this.tenants.graph(task.getTenantId())
				.createTemporaryAccessPass(String.valueOf(variables.get(CaseVariables.USER_ID)),
						(int) this.properties.passLifetime().toMinutes(), this.properties.passUsableOnce())
				.orElseThrow(() -> new IllegalStateException("the tenant runs dry; no pass was created"));
		}
		catch (TenantException ex) {
			return refuse(HttpStatus.CONFLICT, person, task, ISSUE,
					"Microsoft refused the pass: " + Text.line(ex.getMessage(), 300)
					+ " (the tenant's Temporary Access Pass policy may be off or not cover this user). Nothing was "
					+ "recorded; the task stays with you.");
		}
		String issuedAt = Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).toString();
		Map<String, Object> record = new LinkedHashMap<>();
		record.put(CaseVariables.ACCESS_RESTORATION, RestoreAccessCompletionListener.TEMPORARY_ACCESS_PASS);
		record.put(CaseVariables.PASS_ISSUED_BY, person.getUserId());
		record.put(CaseVariables.PASS_ISSUED_AT, issuedAt);
		record.put(CaseVariables.PASS_LIFETIME_MINUTES, pass.lifetimeInMinutes());
		record.put(CaseVariables.PASS_USABLE_ONCE, pass.usableOnce());
		record.put(CaseVariables.IDENTITY_CHECK, CALL_BACK);
		record.put(CaseVariables.IDENTITY_CHECK_NUMBER, number);
		// One command of the runbook's own: the record is not a field of the task's form, which a person could fill
		// in to claim a pass was issued. The person stays the authenticated user, so the history names them.
		this.engine.execute((context) -> {
			this.tasks.complete(taskId, record);
			return null;
		});
		LOG.info("Temporary Access Pass issued for {} by {} after a call-back, usable for {} min{} [{}]",
				variables.get(CaseVariables.ENTITY_ID), person.getUserId(), pass.lifetimeInMinutes(),
				pass.usableOnce() ? ", once" : "", caseKey);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("temporaryAccessPass", pass.pass());
		answer.put("mailbox", variables.get(CaseVariables.ENTITY_ID));
		answer.put("user", variables.get(CaseVariables.USER_DISPLAY_NAME));
		answer.put("lifetimeInMinutes", pass.lifetimeInMinutes());
		answer.put("usableOnce", pass.usableOnce());
		answer.put("validFrom", (pass.startDateTime() != null) ? pass.startDateTime().toString() : issuedAt);
		answer.put("issuedBy", person.getUserId());
		answer.put("notice", "Shown this once and kept nowhere: read it to the user on this call. Reloading will "
				+ "not show it again; a new pass would replace this one.");
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(answer);
	}

	/**
	 * A refusal: the sentence as the answer, one WARN line with the user and the case, and, when it concerns a case's
	 * task, an entry on the case's timeline as the guard's refusals have.
	 */
	private ResponseEntity<Map<String, Object>> refuse(HttpStatus status, Authentication person, Task task,
			String action, String sentence) {
		String user = (person != null) ? person.getUserId() : null;
		if (task != null) {
			this.refusals.record(user, task.getProcessInstanceId(), caseKey(task), task.getId(), TASK, action,
					sentence);
		}
		else {
			LOG.warn("Refused for {} on (no case): {} - {}", user, action, sentence);
		}
		return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(Map.of("error", sentence));
	}

	/** The case's key ({@code mailbox:<address>}), read from the task's case. */
	private String caseKey(Task task) {
		return this.tasks.getVariable(task.getId(), CaseVariables.ENTITY_TYPE) + ":"
				+ this.tasks.getVariable(task.getId(), CaseVariables.ENTITY_ID);
	}

	private boolean candidate(Task task, Authentication person) {
		List<String> mine = Arrays.asList(groupIds(person));
		for (IdentityLink link : this.tasks.getIdentityLinksForTask(task.getId())) {
			if (person.getUserId().equals(link.getUserId())
					|| (link.getGroupId() != null && mine.contains(link.getGroupId()))) {
				return true;
			}
		}
		return false;
	}

	private String[] groupIds(Authentication person) {
		if (person.getGroupIds() != null) {
			return person.getGroupIds().toArray(String[]::new);
		}
		return this.identity.createGroupQuery()
			.groupMember(person.getUserId())
			.list()
			.stream()
			.map(Group::getId)
			.toArray(String[]::new);
	}

	private boolean inGroup(Authentication person, String group) {
		return person != null && Arrays.asList(groupIds(person)).contains(group);
	}

	private static List<String> numbers(Object value) {
		String text = CaseValues.text(value);
		if (text == null || LoadSignInOptionsDelegate.NONE_ON_FILE.equals(text)) {
			return List.of();
		}
		return Arrays.stream(text.split("\n")).map(String::trim).filter((n) -> !n.isEmpty()).toList();
	}

}
