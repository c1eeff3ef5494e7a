package org.soc.runbook.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.soc.runbook.security.PersonCommand.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PersonCommand}: each of Camunda's commands a person can send is read for what the rules need.
 * Camunda keeps these in protected fields; a renamed field fails here, not in production.
 */
class PersonCommandTests {

	@Test
	void answersToATaskAreReadFromEveryWayOfSendingThem() {
		assertTask(PersonCommand.of(new CompleteTaskCmd("t1", Map.of("reviewDecision", "release"))),
				Kind.TASK_ANSWERS, Map.of("reviewDecision", "release"), List.of());
		assertTask(PersonCommand.of(new SubmitTaskFormCmd("t1", Map.of("entityId", "x"), false, false)),
				Kind.TASK_ANSWERS, Map.of("entityId", "x"), List.of());
		assertTask(PersonCommand.of(new SetTaskVariablesCmd("t1", Map.of("evidence", "{}"), true)),
				Kind.TASK_ANSWERS, Map.of("evidence", "{}"), List.of());
		assertTask(PersonCommand.of(new RemoveTaskVariablesCmd("t1", List.of("evidence"), false)),
				Kind.TASK_ANSWERS, Map.of(), List.of("evidence"));
		assertTask(PersonCommand.of(new PatchTaskVariablesCmd("t1", Map.of("a", 1), List.of("b"), false)),
				Kind.TASK_ANSWERS, Map.of("a", 1), List.of("b"));
		assertTask(PersonCommand.of(new HandleTaskBpmnErrorCmd("t1", "anything")), Kind.TASK_BYPASS, Map.of(),
				List.of());
		assertTask(PersonCommand.of(new ClaimTaskCmd("t1", "analyst")), Kind.TASK_OTHER, Map.of(), List.of());
	}

	@Test
	void startsMovesAndCaseVariablesAreToldApart() {
		PersonCommand start = PersonCommand.of(new StartProcessInstanceCmd((ProcessInstantiationBuilderImpl)
				ProcessInstantiationBuilderImpl.createProcessInstanceByKey(null, "verify-release")
					.businessKey("mailbox:a@b.example")));
		assertThat(start.kind()).isEqualTo(Kind.START);
		assertThat(start.businessKey()).isEqualTo("mailbox:a@b.example");
		assertThat(PersonCommand.of(new SubmitStartFormCmd("def", "mailbox:a@b.example", Map.of())).kind())
			.isEqualTo(Kind.START);
		PersonCommand move = PersonCommand
			.of(new ModifyProcessInstanceCmd(new ProcessInstanceModificationBuilderImpl(
					(org.camunda.bpm.engine.impl.interceptor.CommandExecutor) null, "pi1")));
		assertThat(move.kind()).isEqualTo(Kind.MOVE);
		assertThat(move.executionId()).isEqualTo("pi1");
		PersonCommand variables = PersonCommand.of(new SetExecutionVariablesCmd("pi1", Map.of("entityId", "x"), false));
		assertThat(variables.kind()).isEqualTo(Kind.CASE_VARIABLES);
		assertThat(variables.executionId()).isEqualTo("pi1");
	}

	@Test
	void theRunbooksOwnCommandsAreNotAPersonsRequest() {
		Command<Object> own = (context) -> null;
		assertThat(PersonCommand.of(own)).isNull();
	}

	private static void assertTask(PersonCommand request, Kind kind, Map<String, ?> answers, List<String> deletions) {
		assertThat(request.kind()).isEqualTo(kind);
		assertThat(request.taskId()).isEqualTo("t1");
		assertThat(request.answers()).isEqualTo(answers);
		assertThat(request.deletions()).containsExactlyElementsOf(deletions);
	}

}
