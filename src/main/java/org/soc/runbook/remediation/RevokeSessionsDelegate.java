package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.cases.DryRun;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RevokeSessions}: invalidates the user's refresh tokens and session cookies, so that an attacker who
 * signed in before the reset is signed out. (App passwords are not revoked by this; the reviewer is reminded.)
 */
@Component
class RevokeSessionsDelegate implements JavaDelegate {

	private final Tenants tenants;

	RevokeSessionsDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		boolean sent = DryRun.apply(execution, () -> this.tenants.graph(execution.getTenantId()).revokeSignInSessions(context.userId()));
		context.setSessionsRevoked(sent ? CaseContext.SESSIONS_REVOKED : DryRun.NOT_SENT);
	}

}
