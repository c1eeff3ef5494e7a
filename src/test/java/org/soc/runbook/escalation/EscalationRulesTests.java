package org.soc.runbook.escalation;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.security.RunbookRefusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SOC lead's decision on an escalation: one of three ways out, a note, and the lead recorded from the sign-in. */
class EscalationRulesTests {

	private final EscalationCompletionListener listener = new EscalationCompletionListener();

	@Test
	void aLeadChoosesOneOfTheThreeWaysOutWithANote() {
		DelegateTask unknown = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(
				CaseVariables.ESCALATION_DECISION, "ignore", CaseVariables.ESCALATION_NOTE, "x")), "lead");
		assertThatThrownBy(() -> this.listener.notify(unknown)).isInstanceOf(RunbookRefusal.class)
			.hasMessage("Choose: retry the unblock, keep restricted, or close with a note.");

		DelegateTask blank = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(
				CaseVariables.ESCALATION_DECISION, EscalationCompletionListener.CLOSE, CaseVariables.ESCALATION_NOTE,
				" ")), "lead");
		assertThatThrownBy(() -> this.listener.notify(blank)).isInstanceOf(RunbookRefusal.class)
			.hasMessage("Write a note: it is recorded with the case.");
		assertThat(blank.getVariable(CaseVariables.ESCALATION_RESOLVED_BY)).isNull();
	}

	@Test
	void theLeadWhoDecidedIsRecordedFromTheSignIn() {
		DelegateTask task = CaseVariablesFake.signedIn(CaseVariablesFake.task(Map.of(CaseVariables.ESCALATION_DECISION,
				EscalationCompletionListener.RETRY_UNBLOCK, CaseVariables.ESCALATION_NOTE,
				"Microsoft Support confirmed the limit is reset.", CaseVariables.ESCALATION_RESOLVED_BY, "forged")),
				"lead");
		this.listener.notify(task);
		assertThat(task.getVariable(CaseVariables.ESCALATION_RESOLVED_BY)).isEqualTo("lead");
	}

}
