package org.soc.runbook.remediation;


import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.TenantWire;
import org.soc.runbook.tenant.graph.GraphClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * MFA at the contained user's next sign-in, by the configured strategy: the Conditional Access group or the per-user
 * state. What was done is recorded in words for the reviewer, a dry run says it would be done and sends nothing, and
 * a refusal for permission or licence is recorded as "not enforced" instead of stopping the case.
 */
class EnforceMfaDelegateTests {

	private static final String USER_ID = "6e7b768e-07e2-4810-8459-485f84f8f204";

	private static final String GROUP_ID = "b4a5f0a1-1c1e-4a4d-8f0e-3d2c1b0a9f8e";

	private final GraphClient graph = mock(GraphClient.class);

	@Test
	void theGroupStrategyAddsTheUserToTheConditionalAccessGroup() {
		DelegateExecution execution = contained(false);
		new EnforceMfaDelegate(TestTenants.of(this.graph, null), properties(RemediationProperties.MFA_GROUP)).execute(execution);
		verify(this.graph).addGroupMember(GROUP_ID, USER_ID);
		assertThat(execution.getVariable(CaseVariables.MFA_OUTCOME))
			.isEqualTo("Added to the Conditional Access MFA group " + GROUP_ID + ".");
	}

	@Test
	void theGroupIsNamedForTheReviewerAndItsNameIsReadOncePerNode() {
		given(this.graph.groupName(GROUP_ID)).willReturn(Optional.of("CA - Require MFA"));
		EnforceMfaDelegate delegate = new EnforceMfaDelegate(TestTenants.of(this.graph, null), properties(RemediationProperties.MFA_GROUP));
		DelegateExecution first = contained(false);
		delegate.execute(first);
		delegate.execute(contained(false));
		assertThat(first.getVariable(CaseVariables.MFA_OUTCOME))
			.isEqualTo("Added to the Conditional Access MFA group 'CA - Require MFA' (" + GROUP_ID + ").");
		verify(this.graph, times(1)).groupName(GROUP_ID);
	}

	@Test
	void theGroupStrategyInADryRunSaysItWouldAddTheUserAndSendsNothing() {
		TenantWire wire = new TenantWire();
		DelegateExecution execution = contained(true);
		GraphClient graph = wire.graph();
		// A read is not a change: the group's name is read in a dry run too (stubbed: it never reaches the wire).
		doReturn(Optional.of("CA - Require MFA")).when(graph).groupName(GROUP_ID);
		new EnforceMfaDelegate(TestTenants.of(graph, null), properties(RemediationProperties.MFA_GROUP)).execute(execution);
		wire.assertNothingSent();
		assertThat(execution.getVariable(CaseVariables.MFA_OUTCOME)).isEqualTo("Would be added (not sent (dry run)) "
				+ "to the Conditional Access MFA group 'CA - Require MFA' (" + GROUP_ID + ").");
		assertThat((String) execution.getVariable(CaseVariables.WOULD_BE_CHANGE))
			.startsWith("Graph addGroupMember: POST /v1.0/groups/" + GROUP_ID + "/members/")
			.contains("/v1.0/directoryObjects/" + USER_ID);
	}

	@Test
	void thePerUserStrategyEnforcesAndSaysWhatTheStateWas() {
		given(this.graph.getPerUserMfaState(USER_ID)).willReturn("disabled");
		DelegateExecution execution = contained(false);
		new EnforceMfaDelegate(TestTenants.of(this.graph, null), properties(RemediationProperties.MFA_PER_USER)).execute(execution);
		verify(this.graph).setPerUserMfaState(USER_ID, "enforced");
		assertThat(execution.getVariable(CaseVariables.MFA_OUTCOME))
			.isEqualTo("Per-user MFA set to enforced (was disabled).");
	}

	@Test
	void thePerUserStrategyLeavesAnEnforcedUserAlone() {
		given(this.graph.getPerUserMfaState(USER_ID)).willReturn("enforced");
		DelegateExecution execution = contained(false);
		new EnforceMfaDelegate(TestTenants.of(this.graph, null), properties(RemediationProperties.MFA_PER_USER)).execute(execution);
		verify(this.graph, never()).setPerUserMfaState(anyString(), anyString());
		assertThat(execution.getVariable(CaseVariables.MFA_OUTCOME)).isEqualTo("Per-user MFA was already enforced.");
	}

	@Test
	void thePerUserStrategyInADryRunReadsTheStateButSendsNothing() {
		TenantWire wire = new TenantWire();
		GraphClient graph = wire.graph();
		// The read is real in a dry run (stubbed here); only the change is held back.
		doReturn("enabled").when(graph).getPerUserMfaState(USER_ID);
		DelegateExecution execution = contained(true);
		new EnforceMfaDelegate(TestTenants.of(graph, null), properties(RemediationProperties.MFA_PER_USER)).execute(execution);
		wire.assertNothingSent();
		assertThat(execution.getVariable(CaseVariables.MFA_OUTCOME))
			.isEqualTo("Per-user MFA would be set (not sent (dry run)) to enforced (was enabled).");
		assertThat((String) execution.getVariable(CaseVariables.WOULD_BE_CHANGE)).isEqualTo("Graph setPerUserMfaState: "
				+ "PATCH /beta/users/" + USER_ID + "/authentication/requirements {\"perUserMfaState\":\"enforced\"}");
	}

	@Test
	void aRefusalForPermissionIsRecordedAsNotEnforcedAndTheCaseGoesOn() {
		willThrow(TenantFailures.forbidden(TenantApi.GRAPH, "addGroupMember")).given(this.graph)
			.addGroupMember(GROUP_ID, USER_ID);
		DelegateExecution group = contained(false);
		new EnforceMfaDelegate(TestTenants.of(this.graph, null), properties(RemediationProperties.MFA_GROUP)).execute(group);
		assertThat((String) group.getVariable(CaseVariables.MFA_OUTCOME)).startsWith("MFA NOT enforced: ")
			.contains("Graph addGroupMember failed: HTTP 403 Authorization_RequestDenied");

		given(this.graph.getPerUserMfaState(USER_ID))
			.willThrow(TenantFailures.forbidden(TenantApi.GRAPH, "getPerUserMfaState"));
		DelegateExecution perUser = contained(false);
		new EnforceMfaDelegate(TestTenants.of(this.graph, null), properties(RemediationProperties.MFA_PER_USER)).execute(perUser);
		assertThat((String) perUser.getVariable(CaseVariables.MFA_OUTCOME)).startsWith("MFA NOT enforced: ")
			.contains("getPerUserMfaState");
		verify(this.graph, never()).setPerUserMfaState(anyString(), anyString());
	}

	private static RemediationProperties properties(String strategy) {
		return new RemediationProperties(strategy, RemediationProperties.MFA_GROUP.equals(strategy) ? GROUP_ID : null,
				Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(2), Duration.ofDays(7), 65536,
				Duration.ofDays(30));
	}

	private static DelegateExecution contained(boolean dryRun) {
		return CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, "mailbox", CaseVariables.ENTITY_ID,
				"adele@contoso.onmicrosoft.com", CaseVariables.USER_ID, USER_ID, CaseVariables.DRY_RUN, dryRun));
	}

}
