package org.soc.runbook.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
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

	private final HistoryService history;

	private final JdbcTemplate jdbc;

	KeptDecisions(HistoryService history, JdbcTemplate jdbc) {
		this.history = history;
		this.jdbc = jdbc;
	}

	/** The decision to keep the entity restricted, when its last case ended so; empty otherwise. */
	public Optional<KeptDecision> standing(String businessKey) {
		List<HistoricProcessInstance> last = this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKeyIn(ProcessKeys.MAILBOX_RUNBOOK, ProcessKeys.CONNECTOR_RUNBOOK)
			.processInstanceBusinessKey(businessKey)
			.finished()
			.orderByProcessInstanceEndTime()
			.desc()
			.listPage(0, 1);
		if (last.isEmpty() || last.get(0).getEndTime() == null) {
			return Optional.empty();
		}
		Map<String, HistoricVariableInstance> values = new HashMap<>();
		for (HistoricVariableInstance variable : this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(last.get(0).getId())
			.variableNameIn(CaseVariables.CASE_OUTCOME, CaseVariables.REVIEWED_BY, CaseVariables.REVIEW_COMMENT,
					CaseVariables.ESCALATION_RESOLVED_BY, CaseVariables.ESCALATION_NOTE)
			.disableCustomObjectDeserialization()
			.list()) {
			values.put(variable.getName(), variable);
		}
		HistoricVariableInstance outcome = values.get(CaseVariables.CASE_OUTCOME);
		if (outcome == null || !(outcome.getValue() instanceof String text) || !text.startsWith(KEPT)) {
			return Optional.empty();
		}
		boolean byLead = values.containsKey(CaseVariables.ESCALATION_RESOLVED_BY);
		// The outcome is written when the decision ends the release path; the case itself may end later (the
		// helpdesk's step runs beside it).
		Instant decidedAt = (outcome.getCreateTime() != null) ? outcome.getCreateTime().toInstant()
				: last.get(0).getEndTime().toInstant();
		return Optional.of(new KeptDecision(last.get(0).getId(), businessKey, decidedAt,
				value(values, byLead ? CaseVariables.ESCALATION_RESOLVED_BY : CaseVariables.REVIEWED_BY),
				value(values, byLead ? CaseVariables.ESCALATION_NOTE : CaseVariables.REVIEW_COMMENT)));
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
