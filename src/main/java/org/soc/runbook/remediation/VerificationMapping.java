package org.soc.runbook.remediation;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.CaseValues;

import org.springframework.stereotype.Component;

/**
 * Everything a case and its verification ({@code CallActivity_VerifyRelease} calling {@code verify-release}) hand
 * each other, in one place rather than split between the model's in/out mappings and code: only what is set, and back
 * into the case only what the verification changed. Every variable copied is a row in the runtime table
 * and one in the history, each with its indexes, in one instance or the other; the escalation's variables, null in
 * every verification that does not escalate, and the case's context for the escalation form were copied into and
 * out of every call, about a fifth of the variable rows a case wrote (src/docs/performance.md). The escalation form
 * reads that context from the case when a lead needs it ({@code EscalationContextListener}).
 */
@Component
class VerificationMapping implements DelegateVariableMapping {

	@Override
	public void mapInputVariables(DelegateExecution caseExecution, VariableMap verification) {
		for (String name : CaseVariables.VERIFICATION_INPUTS) {
			TypedValue value = CaseValues.setValue(caseExecution, name);
			if (value != null) {
				verification.putValueTyped(name, value);
			}
		}
	}

	@Override
	public void mapOutputVariables(DelegateExecution caseExecution, VariableScope verification) {
		for (String name : CaseVariables.VERIFICATION_OUTPUTS) {
			TypedValue value = CaseValues.setValue(verification, name);
			if (value != null && !Objects.equals(value.getValue(), caseExecution.getVariable(name))) {
				caseExecution.setVariable(name, value);
			}
		}
	}

}
