package org.soc.runbook.security;

import org.soc.runbook.config.EngineLogFilter;

/**
 * Keeps the engine from logging a refusal as an error. When a task listener refuses (the reviewer approving their
 * own review, a release without every recommendation), the engine wraps the refusal in a failure of its own and
 * logs it at ERROR with the whole stack trace. The engine's lines with a {@link RunbookRefusal} in their cause chain
 * are dropped here; {@link RefusedAttempts} writes one WARN line with the case and the user instead. So are the
 * engine's lines for Camunda's tenant check refusing someone another customer's case ({@link TenantRefusal}).
 */
final class RefusalLogFilter extends EngineLogFilter {

	RefusalLogFilter() {
		super("runbook-refusals");
	}

	@Override
	protected boolean expected(Throwable failure) {
		return RunbookRefusal.in(failure) != null || TenantRefusal.message(failure) != null;
	}

}
