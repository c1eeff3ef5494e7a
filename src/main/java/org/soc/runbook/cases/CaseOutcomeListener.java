package org.soc.runbook.cases;

import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.Process;

import org.springframework.stereotype.Component;

/**
 * On reaching an end event: records the outcome the end event stands for, derived from its id ({@code
 * EndEvent_ReleasedAndVerified} is {@code releasedAndVerified}), as the case's {@link CaseVariables#CASE_OUTCOME},
 * or, in the called verification, as {@link CaseVariables#RELEASE_OUTCOME} for its caller. The model only names its
 * ends; the words the case list, the timeline and the metrics use come from here.
 */
@Component
class CaseOutcomeListener implements ExecutionListener {

	/** The prefix of every end event's id. */
	static final String END_EVENT = "EndEvent_";

	@Override
	public void notify(DelegateExecution execution) {
		String outcome = outcome(execution.getCurrentActivityId());
		// The verification hands its outcome to the case that called it. Its key is read from the model, not the
		// definition id, which the engine leaves without the key when key, version and id would not fit its column.
		if (execution.getBpmnModelInstance()
			.getModelElementsByType(Process.class)
			.stream()
			.anyMatch((process) -> ProcessKeys.VERIFICATION.equals(process.getId()))) {
			CaseContext.of(execution).setReleaseOutcome(outcome);
		}
		else {
			CaseContext.of(execution).setCaseOutcome(outcome);
		}
	}

	/** {@code EndEvent_KeptRestricted} as {@code keptRestricted}. */
	static String outcome(String endEventId) {
		if (endEventId == null || !endEventId.startsWith(END_EVENT) || endEventId.length() == END_EVENT.length()) {
			throw new IllegalStateException("An outcome is recorded at an end event named EndEvent_<Outcome>, not at "
					+ endEventId);
		}
		String name = endEventId.substring(END_EVENT.length());
		return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
	}

}
