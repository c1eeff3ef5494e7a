package org.soc.runbook.cases;

import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * The case kernel's beans that the models' paths depend on, for tests that run the models without Spring
 * ({@code ModelScenario}): the beans are package-private, and these tests want the real rules, not stand-ins.
 */
public final class CaseModelBeans {

	private CaseModelBeans() {
	}

	/** {@code ${caseOutcomeListener}}: the outcome an end event stands for, for the case or for its caller. */
	public static ExecutionListener caseOutcomeListener() {
		return new CaseOutcomeListener();
	}

}
