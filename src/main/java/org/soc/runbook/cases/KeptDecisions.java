package org.soc.runbook.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The standing decision to keep an entity restricted: the last case of the entity ended kept restricted (by the
 * reviewer, or by a SOC lead after an escalation). Detection asks before opening a case, so that a decision is not
 * undone by the next poll while Microsoft keeps the same restriction. What happened to a decision afterwards (the
 * polls that left it standing, the case that looked at it again) is noted in {@code runbook_decision_note} for the
 * decided case's timeline.
 */
@Component
public class KeptDecisions {

	/** The outcomes that keep an entity restricted ({@code EndEvent_KeptRestricted...}). */
	static final String KEPT = "keptRestricted";

	/** {@code runbook_decision_note.kind} of the polls that left a decision standing (one row per decision). */
	public static final String STANDS = "stands";

	/** {@code runbook_decision_note.kind} of a case opened for the entity after the decision. */
	public static final String REOPENED = "reopened";

	/** Business keys asked about in one query: a bounded IN list. */
	static final int CHUNK = 1000;

	private final HistoryService history;

	private final JdbcTemplate jdbc;

	KeptDecisions(HistoryService history, JdbcTemplate jdbc) {
		this.history = history;
		this.jdbc = jdbc;
	}

	/** The decision to keep the entity restricted, when its last case ended so; empty otherwise. */
	public Optional<KeptDecision> standing(String businessKey) {
		return Optional.ofNullable(standing(List.of(businessKey)).get(businessKey));
	}

	/**
	 * The standing decisions of many entities at once, by business key: a poller that meets a long list asks once
	 * per {@value #CHUNK} entities, not once per entity (two history queries each). An entity whose last case did
	 * not end kept restricted, or that has none, is not in it.
	 */
	public Map<String, KeptDecision> standing(Collection<String> businessKeys) {
		Map<String, KeptDecision> standing = new HashMap<>();
		List<String> keys = new ArrayList<>(new LinkedHashSet<>(businessKeys));
		for (int from = 0; from < keys.size(); from += CHUNK) {
			standing.putAll(standingIn(keys.subList(from, Math.min(keys.size(), from + CHUNK))));
		}
		return standing;
	}

	private Map<String, KeptDecision> standingIn(List<String> keys) {
		// Each entity's last finished case, the one whose outcome stands.
		Map<String, HistoricProcessInstance> last = new HashMap<>();
		for (HistoricProcessInstance instance : this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKeyIn(ProcessKeys.MAILBOX_RUNBOOK, ProcessKeys.CONNECTOR_RUNBOOK)
			.processInstanceBusinessKeyIn(keys.toArray(new String[0]))
			.finished()
			.list()) {
			if (instance.getEndTime() == null) {
				continue;
			}
			last.merge(instance.getBusinessKey(), instance,
					(a, b) -> b.getEndTime().after(a.getEndTime()) ? b : a);
		}
		if (last.isEmpty()) {
			return Map.of();
		}
		Map<String, Map<String, HistoricVariableInstance>> values = new HashMap<>();
		for (HistoricVariableInstance variable : this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(last.values().stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
			.variableNameIn(CaseVariables.CASE_OUTCOME, CaseVariables.REVIEWED_BY, CaseVariables.REVIEW_COMMENT,
					CaseVariables.ESCALATION_RESOLVED_BY, CaseVariables.ESCALATION_NOTE)
			.disableCustomObjectDeserialization()
			.list()) {
			values.computeIfAbsent(variable.getProcessInstanceId(), (id) -> new HashMap<>())
				.put(variable.getName(), variable);
		}
		Map<String, KeptDecision> standing = new HashMap<>();
		for (HistoricProcessInstance instance : last.values()) {
			Map<String, HistoricVariableInstance> own = values.getOrDefault(instance.getId(), Map.of());
			HistoricVariableInstance outcome = own.get(CaseVariables.CASE_OUTCOME);
			if (outcome == null || !(outcome.getValue() instanceof String text) || !text.startsWith(KEPT)) {
				continue;
			}
			boolean byLead = own.containsKey(CaseVariables.ESCALATION_RESOLVED_BY);
			// The outcome is written when the decision ends the release path; the case itself may end later (the
			// helpdesk's step runs beside it).
			Instant decidedAt = (outcome.getCreateTime() != null) ? outcome.getCreateTime().toInstant()
					: instance.getEndTime().toInstant();
			standing.put(instance.getBusinessKey(), new KeptDecision(instance.getId(), instance.getBusinessKey(),
					decidedAt, value(own, byLead ? CaseVariables.ESCALATION_RESOLVED_BY : CaseVariables.REVIEWED_BY),
					value(own, byLead ? CaseVariables.ESCALATION_NOTE : CaseVariables.REVIEW_COMMENT)));
		}
		return standing;
	}

	/**
	 * Notes a poll that saw the entity still listed and opened nothing because the decision stands: one row per
	 * decision that counts the polls, so that a poll every few minutes does not flood the timeline.
	 */
	public void noteStands(KeptDecision decision, Instant at) {
		Timestamp when = Timestamp.from(at);
		String id = decision.caseId() + ":" + STANDS;
		int updated = this.jdbc.update("UPDATE runbook_decision_note SET last_at = ?, times = times + 1 WHERE id = ?",
				when, id);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO runbook_decision_note (id, case_id, case_key, kind, first_at, last_at, times, "
					+ "detail) VALUES (?, ?, ?, ?, ?, ?, 1, ?)", id, decision.caseId(), decision.businessKey(), STANDS,
					when, when, "Still on Microsoft's list with the same restriction; the decision stands, no case "
							+ "was opened");
		}
	}

	/** Notes, on the decided case, the case that was opened for the entity after it, and why. */
	public void noteReopened(KeptDecision decision, String caseId, Instant at, String why) {
		Timestamp when = Timestamp.from(at);
		this.jdbc.update("INSERT INTO runbook_decision_note (id, case_id, case_key, kind, first_at, last_at, times, "
				+ "detail) VALUES (?, ?, ?, ?, ?, ?, 1, ?)", caseId + ":" + REOPENED, decision.caseId(),
				decision.businessKey(), REOPENED, when, when,
				Text.line("Opened again as case " + caseId + ": " + why, 1000));
	}

	private static String value(Map<String, HistoricVariableInstance> values, String name) {
		HistoricVariableInstance variable = values.get(name);
		return (variable != null && variable.getValue() != null) ? String.valueOf(variable.getValue()) : null;
	}

	/**
	 * A decision to keep an entity restricted.
	 *
	 * @param caseId the case that decided
	 * @param businessKey the entity's business key
	 * @param decidedAt when
	 * @param decidedBy the reviewer, or the SOC lead who resolved the escalation
	 * @param comment their comment
	 */
	public record KeptDecision(String caseId, String businessKey, Instant decidedAt, String decidedBy,
			String comment) {

		/** The decision in one line, for the re-review's form. */
		public String summary() {
			return Text.line("Kept restricted on " + decidedAt + " by " + ((decidedBy != null) ? decidedBy : "unknown")
					+ ((comment != null && !comment.isBlank()) ? ": " + comment : " (no comment)"), 2000);
		}

	}

}
