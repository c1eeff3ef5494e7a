package org.soc.runbook.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;

import org.springframework.stereotype.Component;

/**
 * The standing decision to keep an entity restricted: the last case of the entity ended kept restricted (by the
 * reviewer, or by a SOC lead after an escalation). Detection asks before opening a case, so that a decision is not
 * undone by the next poll while Microsoft keeps the same restriction.
 */
@Component
public class KeptDecisions {

	/** The outcomes that keep an entity restricted ({@code EndEvent_KeptRestricted...}). */
	static final String KEPT = "keptRestricted";

	private final HistoryService history;

	KeptDecisions(HistoryService history) {
		this.history = history;
	}

	/** When the entity's last case ended kept restricted; empty when it has no case or its last one ended otherwise. */
	public Optional<Instant> keptAt(String businessKey) {
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
		HistoricVariableInstance outcome = this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(last.get(0).getId())
			.variableName(CaseVariables.CASE_OUTCOME)
			.singleResult();
		boolean kept = outcome != null && outcome.getValue() instanceof String text && text.startsWith(KEPT);
		return kept ? Optional.of(last.get(0).getEndTime().toInstant()) : Optional.empty();
	}

}
