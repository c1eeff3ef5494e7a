package org.soc.runbook.review;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** A task's name in the queue says the step, who or what it is about and why, in one bounded line. */
class TaskHeadlineTests {

	@Test
	void aReviewNamesTheMailboxOwnerHerAddressAndTheReasonInAFewWords() {
		DelegateExecution execution = caseExecution(Map.of(CaseVariables.ENTITY_ID, "adele.vance@contoso.com",
				CaseVariables.USER_DISPLAY_NAME, "Adele Vance", CaseVariables.REASON_SUMMARY,
				"Sending limit exceeded (External recipients). External recipients today: 4873."));
		assertThat(TaskHeadline.headline(task("Task_ReviewRecommendations", execution)))
			.isEqualTo("Review: Adele Vance (adele.vance@contoso.com), sending limit exceeded (External recipients)");
	}

	@Test
	void aConnectorIsNamedByItsNameAndAnEscalationByItsReason() {
		DelegateExecution caseExecution = caseExecution(Map.of(CaseVariables.ENTITY_ID,
				"0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c", CaseVariables.CONNECTOR_NAME, "Contoso relay"));
		assertThat(TaskHeadline.headline(task("Task_ApproveConnectorRelease", caseExecution)))
			.isEqualTo("Approve connector release: Contoso relay");

		DelegateExecution verification = CaseVariablesFake.execution(Map.of(CaseVariables.ESCALATION_REASON,
				"Still on the blocked list 24 h after the unblock. Microsoft Support may be needed."));
		DelegateExecution verificationInstance = mock(DelegateExecution.class);
		given(verification.getProcessInstance()).willReturn(verificationInstance);
		given(verificationInstance.getSuperExecution()).willReturn(caseExecution);
		assertThat(TaskHeadline.headline(task("Task_ResolveEscalation", verification)))
			.isEqualTo("Escalated: connector Contoso relay, still on the blocked list 24 h after the unblock");
	}

	@Test
	void tenantTextStaysOneBoundedLine() {
		DelegateExecution execution = caseExecution(Map.of(CaseVariables.ENTITY_ID, "x@contoso.com",
				CaseVariables.USER_DISPLAY_NAME, "Evil\nName" + "x".repeat(400)));
		String headline = TaskHeadline.headline(task("Task_RestoreAccess", execution));
		assertThat(headline).startsWith("Help back in: Evil Name").doesNotContain("\n");
		assertThat(headline.length() + TaskHeadline.OVERDUE.length()).isLessThanOrEqualTo(255);
	}

	private static DelegateExecution caseExecution(Map<String, Object> variables) {
		DelegateExecution execution = CaseVariablesFake.execution(variables);
		DelegateExecution instance = mock(DelegateExecution.class);
		given(execution.getProcessInstance()).willReturn(instance);
		return execution;
	}

	private static DelegateTask task(String key, DelegateExecution execution) {
		DelegateTask task = mock(DelegateTask.class);
		given(task.getTaskDefinitionKey()).willReturn(key);
		given(task.getExecution()).willReturn(execution);
		return task;
	}

}
