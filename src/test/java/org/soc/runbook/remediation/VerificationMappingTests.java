package org.soc.runbook.remediation;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a case hands its verification and takes back: what it verifies and, when set, the unblock's time and a reason
 * to escalate at once; back only the outcome and what the verification set or changed, never the case's own facts.
 */
class VerificationMappingTests {

	private final VerificationMapping mapping = new VerificationMapping();

	@Test
	void theVerificationGetsTheEntityAndOnlyWhatTheCaseHas() {
		DelegateExecution caseExecution = CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, "adele@contoso.onmicrosoft.com", CaseVariables.DRY_RUN, false,
				CaseVariables.UNBLOCKED_AT, "2026-12-02T10:00:00Z", CaseVariables.EVIDENCE, "{}",
				CaseVariables.REVIEW_COMMENT, "ok"));
		VariableMap verification = Variables.createVariables();
		this.mapping.mapInputVariables(caseExecution, verification);
		assertThat(verification.keySet()).containsExactlyInAnyOrder(CaseVariables.ENTITY_TYPE,
				CaseVariables.ENTITY_ID, CaseVariables.DRY_RUN, CaseVariables.UNBLOCKED_AT);
	}

	@Test
	void anErrorBeforeTheUnblockIsHandedOnSoTheVerificationEscalatesAtOnce() {
		DelegateExecution caseExecution = CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, "ghost@contoso.onmicrosoft.com", CaseVariables.ESCALATION_CODE,
				"userNotFound", CaseVariables.ESCALATION_REASON, "No Entra user has the address"));
		VariableMap verification = Variables.createVariables();
		this.mapping.mapInputVariables(caseExecution, verification);
		assertThat(verification).containsEntry(CaseVariables.ESCALATION_CODE, "userNotFound")
			.containsEntry(CaseVariables.ESCALATION_REASON, "No Entra user has the address")
			.doesNotContainKey(CaseVariables.UNBLOCKED_AT);
	}

	@Test
	void theCaseTakesBackTheOutcomeAndWhatChangedOnly() {
		DelegateExecution caseExecution = CaseVariablesFake.execution(Map.of(CaseVariables.UNBLOCKED_AT,
				"2026-12-02T10:00:00Z", CaseVariables.REVIEWED_BY, "analyst"));
		DelegateExecution verification = CaseVariablesFake.execution(Map.of(CaseVariables.RELEASE_OUTCOME, "released",
				CaseVariables.RELEASED_AT, "2026-12-02T10:01:00Z", CaseVariables.UNBLOCKED_AT, "2026-12-02T10:00:00Z",
				CaseVariables.VERIFY_CHECKS, 3, CaseVariables.RELEASED, true, CaseVariables.REVIEWED_BY, "forged"));
		this.mapping.mapOutputVariables(caseExecution, verification);
		assertThat(CaseVariablesFake.variables(caseExecution)).containsOnly(
				Map.entry(CaseVariables.RELEASE_OUTCOME, "released"),
				Map.entry(CaseVariables.RELEASED_AT, "2026-12-02T10:01:00Z"),
				Map.entry(CaseVariables.UNBLOCKED_AT, "2026-12-02T10:00:00Z"),
				Map.entry(CaseVariables.REVIEWED_BY, "analyst"));
	}

}
