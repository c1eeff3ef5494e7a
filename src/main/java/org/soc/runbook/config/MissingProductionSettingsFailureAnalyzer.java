package org.soc.runbook.config;

import org.soc.runbook.config.ProductionSettingsCheck.MissingProductionSettingsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing production settings as a list an operator can act on instead of a stack trace. */
class MissingProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingProductionSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingProductionSettingsException cause) {
		StringBuilder description = new StringBuilder(
				"The production profile cannot start until these settings are set or changed:\n");
		cause.problems().forEach((p) -> description.append("    - ").append(p).append('\n'));
		return new FailureAnalysis(description.toString(),
				"Set these environment variables (src/docs/operations.md) and start again.", cause);
	}

}
