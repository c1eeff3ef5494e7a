package org.soc.runbook.remediation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.soc.runbook.cases.CaseContext;

import org.springframework.stereotype.Component;

/**
 * On leaving {@code BoundaryEvent_VerifyTimeout}: why the case is escalated, in words, with the timeout that applied
 * to its kind of entity. The sentence is built here rather than in the model.
 */
@Component
class VerifyTimeoutListener implements ExecutionListener {

	private final RunbookTimers timers;

	VerifyTimeoutListener(RunbookTimers timers) {
		this.timers = timers;
	}

	@Override
	public void notify(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		context.setEscalationReason("Still on the Restricted entities list "
				+ this.timers.verifyTimeout(context.entityType().value()) + " after the unblock.");
	}

}
