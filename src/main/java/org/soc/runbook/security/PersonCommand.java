package org.soc.runbook.security;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * What a signed-in person asked the engine to do, as far as the runbook's rules care: which kind of request, which
 * task or execution it names, and what variables it would write. Camunda's commands keep these in protected fields
 * without getters; they are read by name here. Camunda 7.24 is the last Community Edition release, so these fields
 * will not move under us, and {@code PersonCommandTests} builds each command and fails if one does.
 *
 * @param kind what sort of request
 * @param action the request in a few words, for the log and the case's timeline
 * @param taskId the task it names, or null
 * @param executionId the execution or process instance it names, or null
 * @param businessKey the business key it names (a start), or null
 * @param answers the variables it would write, by name (empty for none)
 * @param deletions the variables it would remove (empty for none)
 * @param work whether it works the task (claims, answers or completes it): only the task's candidates may
 */
record PersonCommand(Kind kind, String action, String taskId, String executionId, String businessKey,
		Map<String, ?> answers, Collection<String> deletions, boolean work) {

	/** The sorts of request the rules tell apart. */
	enum Kind {

		/** Writes a task's variables (complete, submit its form, set or remove its variables): only its form's fields. */
		TASK_ANSWERS,

		/** Ends a task other than by completing it (a BPMN error or escalation): not for the runbook's tasks. */
		TASK_BYPASS,

		/** Anything else on a task (claim, assign, delegate, update): its listeners decide. */
		TASK_OTHER,

		/** Writes a process instance's or execution's variables directly: never a person. */
		CASE_VARIABLES,

		/** Starts a process instance, or may start one (a message or signal): only the runbook. */
		START,

		/** Moves a running instance to other steps or another version: only its own steps. */
		MOVE,

		/** Deploys or deletes models: the application deploys its own at start-up, nobody by hand. */
		DEPLOY,

		/** Another of Camunda's requests; listeners may still refuse it. */
		OTHER

	}

	/** The request a command stands for, or null for a command that is not Camunda's (the runbook's own). */
	static PersonCommand of(Command<?> command) {
		if (!command.getClass().getName().startsWith("org.camunda.")) {
			return null;
		}
		// CompleteTaskCmd covers ResolveTaskCmd, its subclass.
		if (command instanceof CompleteTaskCmd) {
			return task(Kind.TASK_ANSWERS, "complete the task", command, "taskId", map(command, "variables"),
					List.of());
		}
		if (command instanceof SubmitTaskFormCmd) {
			return task(Kind.TASK_ANSWERS, "submit the task's form", command, "taskId", map(command, "properties"),
					List.of());
		}
		if (command instanceof SetTaskVariablesCmd) {
			return task(Kind.TASK_ANSWERS, "set the task's variables", command, "entityId",
					map(command, "variables"), List.of());
		}
		if (command instanceof RemoveTaskVariablesCmd) {
			return task(Kind.TASK_ANSWERS, "remove the task's variables", command, "entityId", Map.of(),
					names(command, "variableNames"));
		}
		if (command instanceof PatchTaskVariablesCmd) {
			return task(Kind.TASK_ANSWERS, "change the task's variables", command, "entityId",
					map(command, "variables"), names(command, "deletions"));
		}
		if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
			return task(Kind.TASK_BYPASS, "end the task with a BPMN error or escalation", command, "taskId",
					map(command, "variables"), List.of());
		}
		if (command instanceof SetExecutionVariablesCmd || command instanceof RemoveExecutionVariablesCmd
				|| command instanceof PatchExecutionVariablesCmd) {
			return about(Kind.CASE_VARIABLES, "change a case's variables", (String) field(command, "entityId"), null);
		}
		if (command instanceof SignalCmd || command instanceof MessageEventReceivedCmd) {
			return about(Kind.CASE_VARIABLES, "signal a case's step", (String) field(command, "executionId"), null);
		}
		if (command instanceof SetVariablesToProcessInstancesBatchCmd || command instanceof HandleExternalTaskCmd) {
			return about(Kind.CASE_VARIABLES, "change a case's variables", null, null);
		}
		if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
			ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) field(command,
					"instantiationBuilder");
			return about(Kind.START, "start a process", null, builder.getBusinessKey());
		}
		if (command instanceof SubmitStartFormCmd) {
			return about(Kind.START, "start a process", null, (String) field(command, "businessKey"));
		}
		if (command instanceof RestartProcessInstancesCmd || command instanceof RestartProcessInstancesBatchCmd
				|| command instanceof CorrelateMessageCmd || command instanceof CorrelateAllMessageCmd
				|| command instanceof CorrelateAllMessageBatchCmd || command instanceof SignalEventReceivedCmd
				|| command instanceof EvaluateStartConditionCmd) {
			return about(Kind.START, "start or signal a process", null, null);
		}
		if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd) {
			ProcessInstanceModificationBuilderImpl builder = (ProcessInstanceModificationBuilderImpl) field(command,
					"builder");
			return about(Kind.MOVE, "move a case to other steps", builder.getProcessInstanceId(), null);
		}
		if (command instanceof ProcessInstanceModificationCmd || command instanceof ProcessInstanceModificationBatchCmd
				|| command instanceof MigrateProcessInstanceCmd || command instanceof MigrateProcessInstanceBatchCmd
				|| command instanceof SetProcessDefinitionVersionCmd) {
			return about(Kind.MOVE, "move cases to other steps or versions", null, null);
		}
		if (command instanceof DeployCmd || command instanceof DeleteDeploymentCmd) {
			return about(Kind.DEPLOY, "deploy or delete models", null, null);
		}
		if (command instanceof ClaimTaskCmd) {
			return new PersonCommand(Kind.TASK_OTHER, "claim the task", (String) field(command, "taskId"), null, null,
					Map.of(), List.of(), true);
		}
		if (command instanceof SaveTaskCmd) {
			TaskEntity task = (TaskEntity) field(command, "task");
			return new PersonCommand(Kind.TASK_OTHER, "update the task", (task != null) ? task.getId() : null, null,
					null, Map.of(), List.of(), false);
		}
		Object taskId = (command instanceof AbstractSetVariableCmd || command instanceof AbstractRemoveVariableCmd
				|| command instanceof AbstractPatchVariablesCmd) ? null : optionalField(command, "taskId");
		if (taskId instanceof String id) {
			return new PersonCommand(Kind.TASK_OTHER, words(command), id, null, null, Map.of(), List.of(), false);
		}
		return new PersonCommand(Kind.OTHER, words(command), null, null, null, Map.of(), List.of(), false);
	}

	private static PersonCommand task(Kind kind, String action, Command<?> command, String idField,
			Map<String, ?> answers, Collection<String> deletions) {
		return new PersonCommand(kind, action, (String) field(command, idField), null, null, answers, deletions,
				kind == Kind.TASK_ANSWERS);
	}

	private static PersonCommand about(Kind kind, String action, String executionId, String businessKey) {
		return new PersonCommand(kind, action, null, executionId, businessKey, Map.of(), List.of(), false);
	}

	/** "ClaimTaskCmd" as "claim task". */
	private static String words(Command<?> command) {
		String name = command.getClass().getSimpleName().replaceAll("Cmd$", "");
		return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> map(Command<?> command, String name) {
		Object value = field(command, name);
		return (value != null) ? (Map<String, ?>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static Collection<String> names(Command<?> command, String name) {
		Object value = field(command, name);
		return (value != null) ? (Collection<String>) value : List.of();
	}

	/** The named field's value; a missing field is a programming error (Camunda changed) and fails loudly. */
	static Object field(Object target, String name) {
		Field field = find(target.getClass(), name);
		if (field == null) {
			throw new IllegalStateException(target.getClass().getName() + " has no field " + name);
		}
		return read(field, target);
	}

	private static Object optionalField(Object target, String name) {
		Field field = find(target.getClass(), name);
		return (field != null) ? read(field, target) : null;
	}

	private static Field find(Class<?> type, String name) {
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			try {
				return c.getDeclaredField(name);
			}
			catch (NoSuchFieldException ex) {
				// Declared higher up.
			}
		}
		return null;
	}

	private static Object read(Field field, Object target) {
		try {
			field.setAccessible(true);
			return field.get(target);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("cannot read " + field, ex);
		}
	}

}
