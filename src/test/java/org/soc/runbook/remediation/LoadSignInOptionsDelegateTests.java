package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.graph.AuthenticationMethod;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.UserContact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What the helpdesk is told about a contained user: whether self-service reset can serve them, and which numbers are
 * on file to call back (the profile's and the phone methods', never one a caller gives).
 */
class LoadSignInOptionsDelegateTests {

	private static final String USER_ID = "6e7b768e-07e2-4810-8459-485f84f8f204";

	private final GraphClient graph = mock(GraphClient.class);

	@Test
	void aUserWithAPhoneAndTheAuthenticatorCanResetThemselves() {
		given(this.graph.getUserContact(USER_ID)).willReturn(new UserContact("+1 425 555 0100", List.of()));
		given(this.graph.listAuthenticationMethods(USER_ID)).willReturn(List.of(
				new AuthenticationMethod("p", "passwordAuthenticationMethod"),
				new AuthenticationMethod("m1", "phoneAuthenticationMethod", "+1 425 555 0199"),
				new AuthenticationMethod("m2", "microsoftAuthenticatorAuthenticationMethod")));
		DelegateExecution execution = contained();

		new LoadSignInOptionsDelegate(TestTenants.of(this.graph, null)).execute(execution);

		assertThat(execution.getVariable(CaseVariables.CAN_RESET_THEMSELVES)).isEqualTo(true);
		assertThat(execution.getVariable(CaseVariables.SIGN_IN_OPTIONS))
			.isEqualTo("Yes: phone +1 425 555 0199, Microsoft Authenticator.");
		assertThat(execution.getVariable(CaseVariables.CALL_BACK_NUMBERS)).isEqualTo("+1 425 555 0100\n+1 425 555 0199");
	}

	@Test
	void aUserWithOnlyAPasswordAndASecurityKeyCannotAndTheProfileNumbersAreOnFile() {
		given(this.graph.getUserContact(USER_ID))
			.willReturn(new UserContact("+44 20 7946 0958", List.of("+44 20 7946 0100")));
		given(this.graph.listAuthenticationMethods(USER_ID)).willReturn(List.of(
				new AuthenticationMethod("p", "passwordAuthenticationMethod"),
				new AuthenticationMethod("f", "fido2AuthenticationMethod")));
		DelegateExecution execution = contained();

		new LoadSignInOptionsDelegate(TestTenants.of(this.graph, null)).execute(execution);

		assertThat(execution.getVariable(CaseVariables.CAN_RESET_THEMSELVES)).isEqualTo(false);
		assertThat(execution.getVariable(CaseVariables.SIGN_IN_OPTIONS)).isEqualTo(
				"No: no method self-service reset can use is registered (security key (FIDO2) cannot serve it).");
		assertThat(execution.getVariable(CaseVariables.CALL_BACK_NUMBERS)).isEqualTo("+44 20 7946 0958\n+44 20 7946 0100");
	}

	@Test
	void methodsGraphWillNotListCountAsNoAndNoNumberOnFileIsSaid() {
		given(this.graph.getUserContact(USER_ID)).willReturn(new UserContact(null, List.of()));
		given(this.graph.listAuthenticationMethods(USER_ID))
			.willThrow(TenantFailures.forbidden(TenantApi.GRAPH, "listAuthenticationMethods"));
		DelegateExecution execution = contained();

		new LoadSignInOptionsDelegate(TestTenants.of(this.graph, null)).execute(execution);

		assertThat(execution.getVariable(CaseVariables.CAN_RESET_THEMSELVES)).isEqualTo(false);
		assertThat((String) execution.getVariable(CaseVariables.SIGN_IN_OPTIONS))
			.startsWith("Cannot tell: Graph refused to list the methods")
			.endsWith("Treat it as no.");
		assertThat(execution.getVariable(CaseVariables.CALL_BACK_NUMBERS)).isEqualTo("none on file");
	}

	private static DelegateExecution contained() {
		return CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, "adele@contoso.onmicrosoft.com", CaseVariables.USER_ID, USER_ID)));
	}

}
