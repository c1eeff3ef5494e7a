package org.soc.runbook.remediation;

import org.soc.runbook.security.RunbookRefusal;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that a failure is a refusal of the runbook's, however the engine delivered it. */
final class RunbookRefusalAssert {

	private RunbookRefusalAssert() {
	}

	/** The failure is, or wraps, a {@link RunbookRefusal}. */
	static void refusal(Throwable failure) {
		assertThat(RunbookRefusal.in(failure)).as("a refusal of the runbook's in " + failure).isNotNull();
	}

}
