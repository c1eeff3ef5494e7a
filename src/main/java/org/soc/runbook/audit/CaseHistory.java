package org.soc.runbook.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.KeptDecisions;
import org.soc.runbook.cases.TaskActor;
import org.soc.runbook.cases.Text;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads cases from Camunda's history, for the case API and the auditors' page: a page of cases at a time (never all
 * of them), a case's summary, and its timeline, one entry per fact. Read only: nothing here writes to the engine.
 * The queries run as the signed-in user, so Camunda's authorizations decide what each person may read.
 */
@Service
class CaseHistory {

	/** Where {@link #variables} keeps when the case's outcome was recorded, beside the variables' values. */
	private static final String DECIDED_AT = "caseOutcome.recordedAt";

	static final List<String> CASE_PROCESSES = List.of(ProcessKeys.MAILBOX_RUNBOOK, ProcessKeys.CONNECTOR_RUNBOOK);

	/**
	 * Variable updates the timeline tells as facts, with their kind and words: what the runbook did in the tenant,
	 * escalations, notifications, how the case was opened and how it closed.
	 */
	private static final Map<String, Fact> FACTS = Map.ofEntries(
			fact(CaseVariables.PASSWORD_RESET, "tenant", "Password reset"),
			fact(CaseVariables.SESSIONS_REVOKED, "tenant", "Sign-in sessions revoked"),
			fact(CaseVariables.MFA_OUTCOME, "tenant", "MFA"), fact(CaseVariables.CLEANUP_SUMMARY, "tenant", "Clean-up"),
			fact(CaseVariables.UNBLOCK_RESULT, "tenant", "Unblock"),
			fact(CaseVariables.UNBLOCKED_AT, "tenant", "Unblock requested at"),
			fact(CaseVariables.RELEASED_AT, "tenant", "Release seen on the blocked list at"),
			fact(CaseVariables.ADMIN_CASE, "tenant", "Case opened for the admin account"),
			fact(CaseVariables.BLOCKED, "tenant", "On the blocked list when loaded"),
			fact(CaseVariables.WOULD_BE_CHANGE, "tenant", "DRY RUN, not sent"),
			fact(CaseVariables.ESCALATION_REASON, "escalation", "Escalated"),
			fact(CaseVariables.NOTIFICATION_OUTCOME, "notification", "Notification"),
			fact(CaseVariables.CASE_OUTCOME, "outcome", "Case closed as"),
			fact(CaseVariables.SOURCE, "opened", "Opened from"), fact(CaseVariables.STARTED_BY, "opened", "Opened by"),
			fact(CaseVariables.RELATED_CASE, "opened", "Opened to investigate the admin of"),
			fact(CaseVariables.DEFENDER_ALERT_URL, "opened", "Defender alert"),
			fact(CaseVariables.DEFENDER_INCIDENT_URL, "opened", "Defender incident"),
			fact(CaseVariables.DEFENDER_LINKED_ALERTS, "tenant",
					"Further Defender alerts joined the case (its outcome is reported on each)"),
			fact(CaseVariables.DRY_RUN, "opened",
					"DRY RUN: nothing is changed in the tenant; every change is recorded instead"));

	/** The variables a person sets when completing a task, in the order a decision is told. */
	private static final List<String> DECISION_VARIABLES = List.of(CaseVariables.REVIEW_DECISION,
			CaseVariables.APPROVAL_DECISION, CaseVariables.ESCALATION_DECISION, CaseVariables.ACCOUNT_UNDER_CONTROL,
			CaseVariables.RULES_DEALT_WITH, CaseVariables.FORWARDING_DEALT_WITH, CaseVariables.SIGN_INS_REVIEWED,
			CaseVariables.CONNECTOR_SETTINGS_REVIEWED, CaseVariables.CHANGES_REVERTED, CaseVariables.SENDERS_CONFIRMED,
			CaseVariables.ADMIN_INVESTIGATED, CaseVariables.INVESTIGATE_ADMIN, CaseVariables.ADMIN_ACCOUNT,
			CaseVariables.RULES_TO_DISABLE, CaseVariables.CLEAR_FORWARDING, CaseVariables.REVIEW_COMMENT,
			CaseVariables.APPROVAL_COMMENT, CaseVariables.ESCALATION_NOTE, CaseVariables.ACCESS_RESTORATION,
			CaseVariables.ACCESS_COMMENT, CaseVariables.PASS_ISSUED_BY, CaseVariables.PASS_ISSUED_AT,
			CaseVariables.PASS_LIFETIME_MINUTES, CaseVariables.PASS_USABLE_ONCE, CaseVariables.IDENTITY_CHECK,
			CaseVariables.IDENTITY_CHECK_NUMBER);

	/**
	 * Every variable the timeline reads from the history's variable updates, so the only ones whose every change
	 * history must keep ({@link ChangeTrailHistory}); of the others, it keeps the final value.
	 */
	static final Set<String> TRAIL_VARIABLES = Stream
		.of(FACTS.keySet().stream(), DECISION_VARIABLES.stream())
		.flatMap((names) -> names)
		.collect(Collectors.toUnmodifiableSet());

	private static final Set<String> STEP_TYPES = Set.of("serviceTask", "userTask", "callActivity", "boundaryTimer",
			"boundaryError", "noneEndEvent", "startEvent", "timerStartEvent");

	private final HistoryService history;

	private final CaseIndex index;

	private final JdbcTemplate jdbc;

	private final IdentityService identity;

	private final CommandExecutor commands;

	private static final ObjectMapper RULE_JSON = new ObjectMapper();

	CaseHistory(HistoryService history, CaseIndex index, JdbcTemplate jdbc, ProcessEngine engine) {
		this.identity = engine.getIdentityService();
		this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
		this.history = history;
		this.index = index;
		this.jdbc = jdbc;
	}

	/** A page of cases, newest first, and how many match. */
	CasePage list(CaseFilter filter, int page, int size) {
		return list(filter, page, size, null);
	}

	/** The same among the cases of the tenants the reader serves (Camunda tenant ids; null: every tenant). */
	CasePage list(CaseFilter filter, int page, int size, Set<String> visible) {
		CaseIndex.Page found = this.index.page(filter, page, size, visible);
		Map<String, HistoricProcessInstance> instances = new HashMap<>();
		if (!found.ids().isEmpty()) {
			// Read under the reader's authorizations: a case the engine would not show them stays out of the page.
			this.history.createHistoricProcessInstanceQuery()
				.processInstanceIds(new HashSet<>(found.ids()))
				.list()
				.forEach((instance) -> instances.put(instance.getId(), instance));
		}
		Map<String, Map<String, Object>> variables = variables(instances.keySet().toArray(String[]::new));
		Map<String, String> names = new HashMap<>();
		List<CaseSummary> rows = found.ids()
			.stream()
			.map(instances::get)
			.filter(Objects::nonNull)
			// One directory look-up per person on the page, not per row.
			.map((instance) -> summary(instance, variables.getOrDefault(instance.getId(), Map.of()), 0, names))
			.toList();
		return new CasePage(rows, page, size, found.total());
	}

	/** The case's summary, or null when there is no such case (or the reader may not see it). */
	CaseSummary summary(String id) {
		HistoricProcessInstance instance = caseInstance(id);
		if (instance == null) {
			return null;
		}
		List<String> calls = subInstances(id);
		int escalations = 0;
		for (String call : calls) {
			escalations += (int) this.history.createHistoricActivityInstanceQuery()
				.processInstanceId(call)
				.activityId("Task_NotifyEscalation")
				.count();
		}
		return summary(instance, variables(id).getOrDefault(id, Map.of()), escalations, new HashMap<>());
	}

	/** The case's story, oldest first, or null when there is no such case. */
	List<TimelineEntry> timeline(String id) {
		if (caseInstance(id) == null) {
			return null;
		}
		List<String> instances = new ArrayList<>();
		instances.add(id);
		instances.addAll(subInstances(id));
		String[] ids = instances.toArray(String[]::new);
		List<TimelineEntry> entries = new ArrayList<>();
		List<HistoricActivityInstance> activities = perInstance(ids,
				(instance) -> this.history.createHistoricActivityInstanceQuery().processInstanceId(instance).list());
		steps(activities, entries);
		List<HistoricDetail> details = this.history.createHistoricDetailQuery()
			.variableUpdates()
			.processInstanceIdIn(ids)
			.orderByTime()
			.asc()
			.list();
		List<UserOperationLogEntry> operations = perInstance(ids,
				(instance) -> this.history.createUserOperationLogQuery().processInstanceId(instance).list());
		tenantFacts(details, entries);
		decisions(ids, activities, details, operations, entries);
		operations(operations, entries);
		incidents(ids, entries);
		retries(ids, entries);
		refusals(id, entries);
		decisionNotes(id, entries);
		entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
		// Each step by its name in the model, beside its id: the auditor reads "Reset the password".
		Map<String, String> names = new HashMap<>();
		activities.stream()
			.filter((activity) -> activity.getActivityName() != null)
			.forEach((activity) -> names.putIfAbsent(activity.getActivityId(), activity.getActivityName()));
		return entries.stream().map((entry) -> entry.named(names.get(entry.step()))).toList();
	}

	// ---------------------------------------------------------------------------------------------------- cases

	private HistoricProcessInstance caseInstance(String id) {
		return this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(id)
			.processDefinitionKeyIn(CASE_PROCESSES.toArray(String[]::new))
			.singleResult();
	}

	/** The verify-release instances the case called. */
	private List<String> subInstances(String id) {
		return this.history.createHistoricProcessInstanceQuery()
			.superProcessInstanceId(id)
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.toList();
	}

	private Map<String, Map<String, Object>> variables(String... instanceIds) {
		Map<String, Map<String, Object>> byInstance = new HashMap<>();
		if (instanceIds.length == 0) {
			return byInstance;
		}
		for (HistoricVariableInstance variable : this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(instanceIds)
			.variableNameIn(CaseVariables.ENTITY_TYPE, CaseVariables.ENTITY_ID, CaseVariables.CASE_OUTCOME,
					CaseVariables.REPEAT, CaseVariables.REVIEWED_BY, CaseVariables.APPROVED_BY,
					CaseVariables.UNBLOCKED_AT, CaseVariables.RELEASED_AT, CaseVariables.DRY_RUN,
					CaseVariables.ESCALATION_RESOLVED_BY, CaseVariables.USER_DISPLAY_NAME, CaseVariables.CONNECTOR_NAME)
			.disableCustomObjectDeserialization()
			.list()) {
			Map<String, Object> values = byInstance.computeIfAbsent(variable.getProcessInstanceId(),
					(k) -> new HashMap<>());
			values.put(variable.getName(), variable.getValue());
			if (CaseVariables.CASE_OUTCOME.equals(variable.getName())) {
				// The outcome is written when the deciding task completes; the case may stay open longer (the
				// helpdesk's step runs beside the release path), so its end time is not when it was decided.
				values.put(DECIDED_AT, instant(variable.getCreateTime()));
			}
		}
		return byInstance;
	}

	private CaseSummary summary(HistoricProcessInstance instance, Map<String, Object> variables,
			int escalations, Map<String, String> names) {
		String outcome = text(variables.get(CaseVariables.CASE_OUTCOME));
		String decidedBy = null;
		if (variables.get(CaseVariables.ESCALATION_RESOLVED_BY) != null) {
			decidedBy = text(variables.get(CaseVariables.ESCALATION_RESOLVED_BY));
		}
		else if (outcome != null && outcome.startsWith("keptRestricted")) {
			decidedBy = text(variables.get(CaseVariables.REVIEWED_BY));
		}
		else if (outcome != null) {
			decidedBy = text(variables.get(CaseVariables.APPROVED_BY));
		}
		Instant opened = instant(instance.getStartTime());
		Instant closed = instant(instance.getEndTime());
		String releasedAt = text(variables.get(CaseVariables.RELEASED_AT));
		Long toRelease = null;
		if (releasedAt != null && opened != null) {
			toRelease = Duration.between(opened, Instant.parse(releasedAt)).toMinutes();
		}
		Long open = (opened != null) ? Duration.between(opened, (closed != null) ? closed : Instant.now()).toMinutes()
				: null;
		Long unblockToRelease = null;
		String unblockedAt = text(variables.get(CaseVariables.UNBLOCKED_AT));
		if (releasedAt != null && unblockedAt != null) {
			unblockToRelease = Duration.between(Instant.parse(unblockedAt), Instant.parse(releasedAt)).toSeconds();
		}
		Map<String, String> people = new LinkedHashMap<>();
		for (String person : new String[] { text(variables.get(CaseVariables.REVIEWED_BY)),
				text(variables.get(CaseVariables.APPROVED_BY)), decidedBy }) {
			if (person != null) {
				people.put(person, names.computeIfAbsent(person, this::named));
			}
		}
		String entityName = text(variables.get(CaseVariables.CONNECTOR_NAME));
		if (entityName == null) {
			entityName = text(variables.get(CaseVariables.USER_DISPLAY_NAME));
		}
		return new CaseSummary(instance.getId(), instance.getBusinessKey(),
				text(variables.get(CaseVariables.ENTITY_TYPE)), text(variables.get(CaseVariables.ENTITY_ID)),
				(instance.getEndTime() == null) ? "open" : "closed", text(variables.get(CaseVariables.CASE_OUTCOME)),
				Boolean.TRUE.equals(variables.get(CaseVariables.REPEAT)), opened, closed,
				text(variables.get(CaseVariables.REVIEWED_BY)), text(variables.get(CaseVariables.APPROVED_BY)),
				text(variables.get(CaseVariables.UNBLOCKED_AT)), releasedAt, toRelease, open, escalations,
				Boolean.TRUE.equals(variables.get(CaseVariables.DRY_RUN)), decidedBy,
				(outcome != null) ? (Instant) variables.get(DECIDED_AT) : null,
				(entityName != null) ? Text.line(entityName, 200) : null, people, unblockToRelease);
	}

	/** A person as people read them: "Sam Analyst (analyst)", or the id alone when the directory has no name. */
	String named(String userId) {
		// The case names the user id already; their name is read past the reader's authorizations on users (an
		// auditor may not list Camunda's users, and needs to read who decided).
		User user = this.commands.execute((context) -> context
			.runWithoutAuthorization(() -> this.identity.createUserQuery().userId(userId).singleResult()));
		return TaskActor.label(user, userId);
	}

	// ---------------------------------------------------------------------------------------------------- timeline

	private static void steps(List<HistoricActivityInstance> activities, List<TimelineEntry> entries) {
		for (HistoricActivityInstance activity : activities) {
			if (!STEP_TYPES.contains(activity.getActivityType())) {
				continue;
			}
			String name = (activity.getActivityName() != null) ? activity.getActivityName() : activity.getActivityId();
			String summary;
			if (activity.getEndTime() == null) {
				summary = name + ": started, not finished";
			}
			else if (activity.isCanceled()) {
				summary = name + ": started, cancelled at " + Timestamps.text(instant(activity.getEndTime()));
			}
			else {
				summary = name + ": started, ended at " + Timestamps.text(instant(activity.getEndTime())) + " (took "
						+ Timestamps.duration(Duration.ofMillis(
								(activity.getDurationInMillis() != null) ? activity.getDurationInMillis() : 0))
						+ ")";
			}
			entries.add(new TimelineEntry(instant(activity.getStartTime()), "step", activity.getActivityId(),
					(activity.getAssignee() != null) ? activity.getAssignee() : "runbook", summary));
		}
	}

	private static void tenantFacts(List<HistoricDetail> details, List<TimelineEntry> entries) {
		for (HistoricDetail detail : details) {
			HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
			Fact fact = FACTS.get(update.getVariableName());
			boolean liveCase = CaseVariables.DRY_RUN.equals(update.getVariableName())
					&& !Boolean.TRUE.equals(update.getValue());
			if (fact == null || liveCase) {
				continue;
			}
			String kind = fact.kind();
			String label = fact.label();
			String step = activityOf(update);
			boolean copy = step.startsWith("CallActivity_")
					|| (step.isEmpty() && !"outcome".equals(kind) && !"opened".equals(kind));
			if (update.getValue() == null || copy) {
				// Copies into and out of the verify-release call, not facts of their own.
				continue;
			}
			entries.add(new TimelineEntry(instant(update.getTime()), kind, step, "runbook",
					label + ": " + Timestamps.inText(Text.line(String.valueOf(update.getValue()), 1000))));
		}
	}

	/** One entry per completed task: who, when, and every answer given with it. */
	private void decisions(String[] ids, List<HistoricActivityInstance> activities, List<HistoricDetail> details,
			List<UserOperationLogEntry> operations, List<TimelineEntry> entries) {
		// The rules as the reviewer saw them ('.': forwards to ...), not Exchange's identities.
		Map<String, String> ruleOptions = ruleOptions(details);
		// The step's name in the model: a task's own name is written for the queue (who and why, see TaskHeadline).
		Map<String, String> stepNames = new HashMap<>();
		activities.stream()
			.filter((activity) -> activity.getActivityName() != null)
			.forEach((activity) -> stepNames.put(activity.getId(), activity.getActivityName()));
		List<HistoricTaskInstance> tasks = perInstance(ids,
				(id) -> this.history.createHistoricTaskInstanceQuery().processInstanceId(id).finished().list());
		for (HistoricTaskInstance task : tasks) {
			Set<String> completions = operations.stream()
				.filter((op) -> task.getId().equals(op.getTaskId())
						&& UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(op.getOperationType()))
				.map(UserOperationLogEntry::getOperationId)
				.collect(Collectors.toSet());
			String completer = operations.stream()
				.filter((op) -> completions.contains(op.getOperationId()) && op.getUserId() != null)
				.map(UserOperationLogEntry::getUserId)
				.findFirst()
				.orElse(task.getAssignee());
			Map<String, Object> answers = new LinkedHashMap<>();
			for (HistoricDetail detail : details) {
				HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
				boolean sameCompletion = update.getUserOperationId() != null
						&& completions.contains(update.getUserOperationId());
				boolean sameActivity = completions.isEmpty()
						&& task.getActivityInstanceId().equals(update.getActivityInstanceId());
				if ((sameCompletion || sameActivity) && DECISION_VARIABLES.contains(update.getVariableName())) {
					answers.put(update.getVariableName(), update.getValue());
				}
			}
			if ("deleted".equals(task.getDeleteReason())) {
				continue;
			}
			StringBuilder summary = new StringBuilder(stepNames.getOrDefault(task.getActivityInstanceId(), task.getName()))
				.append(" completed by ")
				.append((completer != null) ? completer : "(unknown)");
			DECISION_VARIABLES.stream()
				.filter(answers::containsKey)
				.forEach((name) -> summary.append("; ").append(name).append(": ")
					.append(Text.line(CaseVariables.RULES_TO_DISABLE.equals(name)
							? ruleNames(String.valueOf(answers.get(name)), ruleOptions) : String.valueOf(answers.get(name)),
							1000)));
			entries.add(new TimelineEntry(instant(task.getEndTime()), "decision", task.getTaskDefinitionKey(),
					(completer != null) ? completer : "(unknown)", summary.toString()));
		}
	}

	/** Claims, assignments and every other change a person made through an API, grouped per operation. */
	private static void operations(List<UserOperationLogEntry> operations, List<TimelineEntry> entries) {
		Map<String, List<UserOperationLogEntry>> byOperation = operations.stream()
			.filter((op) -> !UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(op.getOperationType()))
			.collect(Collectors.groupingBy(UserOperationLogEntry::getOperationId, LinkedHashMap::new,
					Collectors.toList()));
		for (List<UserOperationLogEntry> operation : byOperation.values()) {
			UserOperationLogEntry first = operation.get(0);
			String changes = operation.stream()
				.filter((op) -> op.getProperty() != null)
				.map((op) -> op.getProperty() + " " + ((op.getOrgValue() != null) ? Text.line(op.getOrgValue(), 200)
						: "(none)") + " → " + ((op.getNewValue() != null) ? Text.line(op.getNewValue(), 200) : "(none)"))
				.collect(Collectors.joining("; "));
			entries.add(new TimelineEntry(instant(first.getTimestamp()), "operation",
					(first.getTaskId() != null) ? "task " + first.getTaskId() : first.getEntityType(),
					(first.getUserId() != null) ? first.getUserId() : "(unknown)",
					operation(first.getOperationType(), first.getEntityType()) + (changes.isEmpty() ? "" : ": " + changes)));
		}
	}

	/** The rule options the review form offered (identity → the words the reviewer read), from the latest update. */
	private Map<String, String> ruleOptions(List<HistoricDetail> details) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (HistoricDetail detail : details) {
			HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
			if (CaseVariables.RULE_OPTIONS.equals(update.getVariableName()) && update.getValue() != null) {
				labels.clear();
				try {
					for (JsonNode option : RULE_JSON.readTree(String.valueOf(update.getValue()))) {
						labels.put(option.path("value").asText(), option.path("label").asText());
					}
				}
				catch (JsonProcessingException unreadable) {
					// The identities stay as they are.
				}
			}
		}
		return labels;
	}

	/** The chosen rules by the words the reviewer read, each with its identity. */
	private static String ruleNames(String chosen, Map<String, String> labels) {
		String named = chosen;
		// Longest identities first, so that rule 10's identity is not taken for rule 1's.
		List<String> identities = labels.keySet()
			.stream()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
		for (String identity : identities) {
			String label = labels.get(identity) + " [" + identity + "]";
			String quoted = "\"" + identity.replace("\\", "\\\\") + "\"";
			named = named.contains(quoted) ? named.replace(quoted, label) : named.replace(identity, label);
		}
		return named;
	}

	/** What a person did through an API, in words: "Claimed the task", not "Claim Task". */
	static String operation(String type, String entity) {
		String on = "Task".equals(entity) ? "the task" : "ProcessInstance".equals(entity) ? "the case"
				: (entity != null) ? entity : "";
		return switch ((type != null) ? type : "") {
			case "Claim" -> "Claimed " + on;
			case "Assign" -> "Assigned " + on;
			case "SetOwner" -> "Set the owner of " + on;
			case "Delegate" -> "Delegated " + on;
			case "Resolve" -> "Resolved " + on;
			case "SetPriority" -> "Changed the priority of " + on;
			case "Create" -> "ProcessInstance".equals(entity) ? "Started the case" : "Created " + on;
			case "SetVariable", "ModifyVariable", "SetVariables" -> "Changed variables of " + on;
			case "RemoveVariable" -> "Removed a variable of " + on;
			default -> type + " " + on;
		};
	}

	private void incidents(String[] ids, List<TimelineEntry> entries) {
		List<HistoricIncident> incidents = perInstance(ids,
				(id) -> this.history.createHistoricIncidentQuery().processInstanceId(id).list());
		for (HistoricIncident incident : incidents) {
			String end = incident.isResolved() ? "; resolved at " + instant(incident.getEndTime())
					: incident.isDeleted() ? "; deleted at " + instant(incident.getEndTime()) : "; still open";
			entries.add(new TimelineEntry(instant(incident.getCreateTime()), "incident", incident.getActivityId(),
					"runbook", "Incident: " + Text.line(incident.getIncidentMessage(), 500) + end));
		}
	}

	private void retries(String[] ids, List<TimelineEntry> entries) {
		for (HistoricJobLog failure : perInstance(ids,
				(id) -> this.history.createHistoricJobLogQuery().processInstanceId(id).failureLog().list())) {
			entries.add(new TimelineEntry(instant(failure.getTimestamp()), "retry", failure.getActivityId(), "runbook",
					"Attempt failed (" + failure.getJobRetries() + " retries were left): "
							+ Text.line(failure.getJobExceptionMessage(), 500)));
		}
	}

	/**
	 * What people asked that a rule of the runbook refused (security.RefusedAttempts writes them, in a transaction
	 * of their own, since the refused request's is rolled back): who, when, what and why.
	 */
	private void refusals(String caseId, List<TimelineEntry> entries) {
		this.jdbc.query("SELECT refused_at, user_id, step, action, reason FROM runbook_refusal WHERE case_id = ? "
				+ "ORDER BY refused_at", (row) -> {
					entries.add(new TimelineEntry(row.getTimestamp("refused_at").toInstant(), "refused",
							(row.getString("step") != null) ? row.getString("step") : "",
							row.getString("user_id"), "Refused: " + row.getString("action") + ". "
									+ Text.line(row.getString("reason"), 1000)));
				}, caseId);
	}

	/**
	 * What became of the case's decision to keep the entity restricted (cases.KeptDecisions writes them): the polls
	 * that saw it still listed and opened nothing, counted in one entry, and the case opened for it afterwards.
	 */
	private void decisionNotes(String caseId, List<TimelineEntry> entries) {
		this.jdbc.query("SELECT kind, first_at, last_at, times, detail FROM runbook_decision_note WHERE case_id = ? "
				+ "ORDER BY first_at", (row) -> {
					boolean stands = KeptDecisions.STANDS.equals(row.getString("kind"));
					String summary = stands ? row.getString("detail") + " (" + row.getInt("times") + " poll(s), "
							+ row.getTimestamp("first_at").toInstant() + " to " + row.getTimestamp("last_at").toInstant()
							+ ")" : row.getString("detail");
					entries.add(new TimelineEntry(row.getTimestamp("first_at").toInstant(), "decision",
							stands ? "Decision stands" : "Case opened again", "runbook", Text.line(summary, 1200)));
				}, caseId);
	}

	// ---------------------------------------------------------------------------------------------------- helpers

	/** One query per instance of the case (itself and its verify-release calls; these queries take no list of ids). */
	private static <T> List<T> perInstance(String[] ids, Function<String, List<T>> query) {
		List<T> all = new ArrayList<>();
		for (String id : ids) {
			all.addAll(query.apply(id));
		}
		return all;
	}

	private static String activityOf(HistoricVariableUpdate update) {
		String activityInstance = update.getActivityInstanceId();
		if (activityInstance == null) {
			return "";
		}
		int colon = activityInstance.indexOf(':');
		return (colon > 0) ? activityInstance.substring(0, colon) : "";
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * A page of cases.
	 *
	 * @param cases the rows
	 * @param page the page number (from 0)
	 * @param size the page size
	 * @param total how many cases match in all
	 */
	record CasePage(List<CaseSummary> cases, int page, int size, long total) {
	}

	private static Map.Entry<String, Fact> fact(String variable, String kind, String label) {
		return Map.entry(variable, new Fact(kind, label));
	}

	/** How the timeline tells a variable's update: its kind of entry and its words. */
	private record Fact(String kind, String label) {
	}

}
