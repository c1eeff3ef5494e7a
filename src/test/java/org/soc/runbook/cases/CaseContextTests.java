package org.soc.runbook.cases;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed view of a case: one type per variable whoever wrote it, and a person's answers read leniently whatever
 * type the client sent them as (Tasklist, the REST API or a form submit each send them differently).
 */
class CaseContextTests {

	@Test
	void readsWhatTheCaseIsAbout() {
		CaseContext connector = CaseContext.of(CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE,
				"connector", CaseVariables.ENTITY_ID, "0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11")));
		assertThat(connector.entityType()).isEqualTo(EntityType.CONNECTOR);
		assertThat(connector.entityType().businessKey(connector.entityId())).isEqualTo("connector:0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");
		assertThat(connector.dryRun()).isFalse();
		assertThat(connector.relatedCase()).isNull();
	}

	@Test
	void anEntityTypeTheRunbookDoesNotKnowIsAnErrorNotAMailbox() {
		CaseContext odd = CaseContext.of(CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, "printer")));
		assertThatThrownBy(odd::entityType).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("type must be mailbox or connector");
	}

	@Test
	void sessionsRevokedIsTextInEveryRunMode() {
		DelegateExecution live = CaseVariablesFake.execution(Map.of());
		CaseContext.of(live).setSessionsRevoked(CaseContext.SESSIONS_REVOKED);
		assertThat(live.getVariable(CaseVariables.SESSIONS_REVOKED)).isEqualTo("revoked");
		assertThat(CaseContext.of(live).sessionsRevoked()).isTrue();

		DelegateExecution rehearsal = CaseVariablesFake.execution(Map.of());
		CaseContext.of(rehearsal).setSessionsRevoked(DryRun.NOT_SENT);
		assertThat(rehearsal.getVariable(CaseVariables.SESSIONS_REVOKED)).isInstanceOf(String.class);
		assertThat(CaseContext.of(rehearsal).sessionsRevoked()).isFalse();
	}

	@Test
	void answersAreReadWhateverTypeTheClientSent() {
		DelegateTask fromRest = CaseVariablesFake.task(Map.of(CaseVariables.CLEAR_FORWARDING, "true",
				CaseVariables.RULES_TO_DISABLE, "[\"rule-1\",\"rule-2\"]", CaseVariables.REVIEW_COMMENT, "   ",
				CaseVariables.ACCOUNT_UNDER_CONTROL, Boolean.TRUE, CaseVariables.RULES_DEALT_WITH, "yes"));
		CaseContext review = CaseContext.of(fromRest);
		assertThat(review.clearForwarding()).isTrue();
		assertThat(review.rulesToDisable()).containsExactly("rule-1", "rule-2");
		assertThat(review.reviewComment()).as("a blank comment is no comment").isNull();
		assertThat(review.confirmed(CaseVariables.ACCOUNT_UNDER_CONTROL)).isTrue();
		assertThat(review.confirmed(CaseVariables.RULES_DEALT_WITH)).as("only true is a confirmation").isFalse();

		DelegateTask fromTasklist = CaseVariablesFake.task(Map.of(CaseVariables.RULES_TO_DISABLE, List.of("rule-3"),
				CaseVariables.VERIFY_CHECKS, 2L, CaseVariables.RECENT_CASES, 1));
		assertThat(CaseContext.of(fromTasklist).rulesToDisable()).containsExactly("rule-3");
		assertThat(CaseContext.of(fromTasklist).verifyChecks()).isEqualTo(2);
		assertThat(CaseContext.of(fromTasklist).recentCases()).isEqualTo(1);
	}

	@Test
	void theUserIsRecordedWithItsNameAndNeverMore() {
		DelegateExecution execution = CaseVariablesFake.execution(Map.of());
		CaseContext.of(execution).setUser("6e7b768e-07e2-4810-8459-485f84f8f204", "Adele Vance");
		assertThat(CaseVariablesFake.variables(execution)).containsOnly(
				Map.entry(CaseVariables.USER_ID, "6e7b768e-07e2-4810-8459-485f84f8f204"),
				Map.entry(CaseVariables.USER_DISPLAY_NAME, "Adele Vance"));
	}

	@Test
	void entityTypesNameTheirRunbookAndBusinessKey() {
		assertThat(EntityType.MAILBOX.processKey()).isEqualTo(ProcessKeys.MAILBOX_RUNBOOK);
		assertThat(EntityType.ofProcess(ProcessKeys.CONNECTOR_RUNBOOK)).isEqualTo(EntityType.CONNECTOR);
		assertThat(EntityType.ofProcess(ProcessKeys.VERIFICATION)).isNull();
		assertThat(EntityType.MAILBOX.businessKey("adele@contoso.com")).isEqualTo("mailbox:adele@contoso.com");
	}

}
