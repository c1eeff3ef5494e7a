package org.soc.runbook.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.soc.runbook.cases.CaseValues;
import org.soc.runbook.cases.CaseVariables;

import org.springframework.stereotype.Component;

/**
 * On creating {@code Task_ResolveEscalation}: the case's context the SOC lead decides with (why Microsoft restricted
 * it, the containment, who reviewed and approved and what the reviewer wrote) is read from the calling case onto the
 * task, as the task's own variables. Few verifications escalate, so this is read for the few instead of copied into
 * every verification ({@code VerificationMapping}). A verification started on its own (an operator in Cockpit) has no
 * case to read from, and its form shows what it was started with.
 */
@Component
class EscalationContextListener implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		DelegateExecution caseExecution = task.getExecution().getProcessInstance().getSuperExecution();
		if (caseExecution == null) {
			return;
		}
		for (String name : CaseVariables.ESCALATION_CONTEXT) {
			TypedValue value = CaseValues.setValue(caseExecution, name);
			if (value != null) {
				task.setVariableLocal(name, value);
			}
		}
	}

}
