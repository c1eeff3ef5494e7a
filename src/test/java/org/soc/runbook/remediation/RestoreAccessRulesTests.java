package org.soc.runbook.remediation;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.security.RunbookRefusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The helpdesk's step: a user who cannot reset the password themselves is not left locked out by a click on
 * "self-service reset", a pass cannot be claimed from the form, and the helpdesk person is recorded from the sign-in.
 */
class RestoreAccessRulesTests {

	private final RestoreAccessCompletionListener listener = new RestoreAccessCompletionListener();

	@Test
	void selfServiceResetOnlyForAUserWhoHasAMethodForIt() {
		DelegateTask lockedOut = helpdesk(Map.of(CaseVariables.CAN_RESET_THEMSELVES, false,
				CaseVariables.ACCESS_RESTORATION, RestoreAccessCompletionListener.SELF_SERVICE_RESET));
		assertThatThrownBy(() -> this.listener.notify(lockedOut)).isInstanceOf(RunbookRefusal.class)
			.hasMessageStartingWith("The user has no method self-service reset can use, so they would stay locked out");
		assertThat(lockedOut.getVariable(CaseVariables.ACCESS_RESTORED_BY)).isNull();

		DelegateTask able = helpdesk(Map.of(CaseVariables.CAN_RESET_THEMSELVES, true, CaseVariables.ACCESS_RESTORATION,
				RestoreAccessCompletionListener.SELF_SERVICE_RESET, CaseVariables.ACCESS_RESTORED_BY, "forged"));
		this.listener.notify(able);
		assertThat(able.getVariable(CaseVariables.ACCESS_RESTORED_BY)).isEqualTo("helpdesk");
		assertThat(able.getVariable(CaseVariables.ACCESS_RESTORED_AT)).isNotNull();
	}

	@Test
	void aPassIsRecordedOnlyWhenThePageIssuedOne() {
		DelegateTask claimed = helpdesk(Map.of(CaseVariables.ACCESS_RESTORATION,
				RestoreAccessCompletionListener.TEMPORARY_ACCESS_PASS));
		assertThatThrownBy(() -> this.listener.notify(claimed)).isInstanceOf(RunbookRefusal.class)
			.hasMessageStartingWith("A Temporary Access Pass is issued on the helpdesk page");

		DelegateTask issued = helpdesk(Map.of(CaseVariables.ACCESS_RESTORATION,
				RestoreAccessCompletionListener.TEMPORARY_ACCESS_PASS, CaseVariables.PASS_ISSUED_AT,
				"2025-03-03T10:00:00Z"));
		this.listener.notify(issued);
		assertThat(issued.getVariable(CaseVariables.ACCESS_RESTORED_BY)).isEqualTo("helpdesk");
	}

	@Test
	void aWayBackInMustBeChosen() {
		DelegateTask none = helpdesk(Map.of(CaseVariables.CAN_RESET_THEMSELVES, true));
		assertThatThrownBy(() -> this.listener.notify(none)).isInstanceOf(RunbookRefusal.class)
			.hasMessageStartingWith("Choose how the user gets back in");
	}

	private static DelegateTask helpdesk(Map<String, ?> variables) {
		return CaseVariablesFake.signedIn(CaseVariablesFake.task(variables), "helpdesk");
	}

}
