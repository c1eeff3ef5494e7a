package org.soc.runbook.remediation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;

import org.springframework.stereotype.Component;

/**
 * {@code Task_RevokeSessions}: invalidates the user's refresh tokens and session cookies, so that an attacker who
 * signed in before the reset is signed out. (App passwords are not revoked by this; the reviewer is reminded.)
 */
@Component
class RevokeSessionsDelegate implements JavaDelegate {

	private final GraphClient graph;

	RevokeSessionsDelegate(GraphClient graph) {
		this.graph = graph;
	}

	@Override
	public void execute(DelegateExecution execution) {
		boolean sent = DryRun.apply(execution,
				() -> this.graph.revokeSignInSessions((String) execution.getVariable(CaseVariables.USER_ID)));
		execution.setVariable(CaseVariables.SESSIONS_REVOKED, sent ? Boolean.TRUE : DryRun.NOT_SENT);
	}

}
