package org.soc.runbook.remediation;

import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * The remediation beans that the models' paths depend on, for tests that run the models without Spring
 * ({@code ModelScenario}): the beans are package-private, and these tests want the real rules, not stand-ins.
 */
public final class RemediationModelBeans {

	private RemediationModelBeans() {
	}

	/** {@code ${verificationMapping}}: what a case and its verification hand each other. */
	public static DelegateVariableMapping verificationMapping() {
		return new VerificationMapping();
	}

	/** {@code ${verifyTimeoutListener}}: why a verification that timed out is escalated, in words. */
	public static ExecutionListener verifyTimeoutListener(RunbookTimers timers) {
		return new VerifyTimeoutListener(timers);
	}

}
