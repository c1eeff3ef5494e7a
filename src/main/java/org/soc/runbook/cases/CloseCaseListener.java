package org.soc.runbook.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

import org.springframework.stereotype.Component;

/**
 * On the end of a runbook process (any end state, and a cancellation in Cockpit too): frees the entity, in the same
 * transaction, so that a later restriction of it opens a new case. Only the instance that holds the entity frees it.
 */
@Component
class CloseCaseListener implements ExecutionListener {

	private final OpenCaseRegistry registry;

	CloseCaseListener(OpenCaseRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void notify(DelegateExecution execution) {
		if (execution.getProcessBusinessKey() != null) {
			this.registry.release(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
		}
	}

}
