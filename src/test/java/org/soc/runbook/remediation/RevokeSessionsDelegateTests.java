package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.tenant.TenantWire;
import org.soc.runbook.tenant.graph.GraphClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The revocation of the contained user's sessions: live, the user found by the reset is signed out everywhere and the
 * case says so; in a dry run nothing reaches Microsoft, the case says "not sent" and the request is recorded.
 */
class RevokeSessionsDelegateTests {

	private static final String USER_ID = "6e7b768e-07e2-4810-8459-485f84f8f204";

	@Test
	void liveTheUsersSessionsAreRevokedAndRecorded() {
		GraphClient graph = mock(GraphClient.class);
		DelegateExecution execution = contained(false);
		new RevokeSessionsDelegate(TestTenants.of(graph, null)).execute(execution);
		verify(graph).revokeSignInSessions(USER_ID);
		assertThat(execution.getVariable(CaseVariables.SESSIONS_REVOKED)).isEqualTo(CaseContext.SESSIONS_REVOKED);
	}

	@Test
	void aDryRunSendsNothingAndRecordsTheRequest() {
		TenantWire wire = new TenantWire();
		DelegateExecution execution = contained(true);
		new RevokeSessionsDelegate(TestTenants.of(wire.graph(), null)).execute(execution);
		wire.assertNothingSent();
		assertThat(execution.getVariable(CaseVariables.SESSIONS_REVOKED)).isEqualTo(DryRun.NOT_SENT);
		assertThat(CaseContext.of(execution).sessionsRevoked()).as("the reviewer is told sessions are NOT revoked")
			.isFalse();
		assertThat(execution.getVariable(CaseVariables.WOULD_BE_CHANGE))
			.isEqualTo("Graph revokeSignInSessions: POST /v1.0/users/" + USER_ID + "/revokeSignInSessions");
	}

	private static DelegateExecution contained(boolean dryRun) {
		return CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, "mailbox", CaseVariables.ENTITY_ID,
				"adele@contoso.onmicrosoft.com", CaseVariables.USER_ID, USER_ID, CaseVariables.DRY_RUN, dryRun));
	}

}
