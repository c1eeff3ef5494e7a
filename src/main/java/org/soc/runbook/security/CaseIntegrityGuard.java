package org.soc.runbook.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.task.IdentityLink;

/**
 * The runbook's own guard on what a signed-in person may ask of the engine, whatever surface the request came
 * through (Tasklist, the webapps' REST, {@code /engine-rest}, the project's API) and whatever Camunda's
 * authorizations allow, so that a misconfigured authorization is not enough to break a rule:
 * <ul>
 * <li>only a task's candidates work it, and it takes only the fields its form lets a person fill in, with values
 * that fit them; the case's facts (entity, evidence, who reviewed and approved, ...) are written only by the
 * runbook's steps;</li>
 * <li>nobody writes a case's variables other than through a task's form, starts a process (cases open through
 * {@code /api/cases}, the intake and the poller, which keep one open case per entity), moves a case to other steps or
 * ends one of its tasks with a BPMN error, or deploys models by hand (the application deploys its own);</li>
 * <li>a refusal from the runbook's task listeners (the four-eyes rule, an incomplete checklist) reaches the person
 * as the sentence itself, not wrapped in the engine's listener failure.</li>
 * </ul>
 * Every refusal is one WARN line and a row on the case's timeline ({@link RefusedAttempts}). Only the outermost
 * command of a person's request is looked at: anything the runbook's own code does inside it (a listener, a delegate)
 * is the runbook's step, and the job executor acts for nobody.
 */
final class CaseIntegrityGuard extends CommandInterceptor {

	private final ProcessEngineConfigurationImpl engine;

	private final RefusedAttempts refusals;

	private final ObjectMapper json;

	/** Forms by process definition and task: a deployment's forms never change. */
	private final Map<String, TaskForm> forms = new ConcurrentHashMap<>();

	CaseIntegrityGuard(ProcessEngineConfigurationImpl engine, RefusedAttempts refusals, ObjectMapper json) {
		this.engine = engine;
		this.refusals = refusals;
		this.json = json;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (Context.getCommandContext() != null) {
			return this.next.execute(command);
		}
		Authentication person = this.engine.getIdentityService().getCurrentAuthentication();
		PersonCommand request = (person != null && person.getUserId() != null) ? PersonCommand.of(command) : null;
		if (request == null) {
			return this.next.execute(command);
		}
		Verdict verdict = judge(request, person);
		if (verdict.refusal() != null) {
			this.refusals.record(person.getUserId(), request, verdict.target(), verdict.refusal());
			throw new RunbookRefusal(verdict.refusal());
		}
		try {
			return this.next.execute(command);
		}
		catch (RuntimeException failure) {
			RunbookRefusal refusal = RunbookRefusal.in(failure);
			if (refusal == null) {
				throw failure;
			}
			// A task listener said no; the engine wrapped its words in a failure of its own. The person gets the words.
			Target target = (verdict.target() != null) ? verdict.target() : locate(request);
			this.refusals.record(person.getUserId(), request, target, refusal.getMessage());
			throw refusal;
		}
	}

	/** Whether the request may go ahead, and what it names. */
	private Verdict judge(PersonCommand request, Authentication person) {
		return switch (request.kind()) {
			case START -> new Verdict(new Target(null, request.businessKey(), null, null),
					"Cases are opened only by the runbook: POST /api/cases (analysts, leads, administrators), the "
							+ "restriction intake or the poller, which keep one open case per entity. Nothing was started.");
			case MOVE -> new Verdict(locate(request), "A case moves only through its own steps; an administrator may "
					+ "cancel it, and people decide in its tasks. Nothing was changed.");
			case CASE_VARIABLES -> new Verdict(locate(request), "A case's variables are written only by the runbook's "
					+ "steps and by the form of the task a person completes. Nothing was changed.");
			case DEPLOY -> new Verdict(null, "The runbook's models and forms are deployed by the application itself "
					+ "at start-up, from its own files; nobody deploys or deletes them by hand. Nothing was changed.");
			case TASK_BYPASS -> onRunbookTask(request, (task) -> "The runbook's tasks end only by completing "
					+ "their form. Nothing was changed.");
			case TASK_ANSWERS -> onRunbookTask(request, (task) -> {
				String stranger = notACandidate(task, person);
				return (stranger != null) ? stranger
						: form(task).misfit(request.answers(), request.deletions(), task::getVariable, this.json);
			});
			case TASK_OTHER -> request.work() ? onRunbookTask(request, (task) -> notACandidate(task, person))
					: new Verdict(null, null);
			default -> new Verdict(null, null);
		};
	}

	/**
	 * Why the person may not work the task, or null when they may: only its candidates (a user named, or a member of
	 * a group named) work a task of the runbook, whatever Camunda's authorizations would let them do. An administrator
	 * holds every permission, and could otherwise approve a release they are no security administrator for, or hand
	 * it to an analyst.
	 */
	private static String notACandidate(TaskEntity task, Authentication person) {
		List<String> groups = (person.getGroupIds() != null) ? person.getGroupIds() : List.of();
		Set<String> candidateGroups = new TreeSet<>();
		for (IdentityLink link : task.getCandidates()) {
			if (person.getUserId().equals(link.getUserId())
					|| (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
				return null;
			}
			if (link.getGroupId() != null) {
				candidateGroups.add(link.getGroupId());
			}
		}
		return "Only the task's candidates (" + String.join(", ", candidateGroups) + ") work it; '"
				+ person.getUserId() + "' is not one of them. Nothing was changed.";
	}

	/** Judges a request on a task of one of the runbook's processes; a standalone task is not the runbook's. */
	private Verdict onRunbookTask(PersonCommand request, TaskJudgement judgement) {
		return readWithoutAuthorization((context) -> {
			TaskEntity task = context.getTaskManager().findTaskById(request.taskId());
			if (task == null || task.getProcessDefinitionId() == null) {
				// No such task (the engine will say so) or not a process's task.
				return new Verdict(null, null);
			}
			return new Verdict(target(task), judgement.judge(task));
		});
	}

	/** The case a request names, for the record; null when it names none. */
	private Target locate(PersonCommand request) {
		if (request.taskId() == null && request.executionId() == null) {
			return (request.businessKey() != null) ? new Target(null, request.businessKey(), null, null) : null;
		}
		return readWithoutAuthorization((context) -> {
			if (request.taskId() != null) {
				TaskEntity task = context.getTaskManager().findTaskById(request.taskId());
				return (task != null && task.getProcessInstanceId() != null) ? target(task) : null;
			}
			ExecutionEntity execution = context.getExecutionManager().findExecutionById(request.executionId());
			return (execution != null) ? new Target(execution.getRootProcessInstanceId(),
					execution.getProcessBusinessKey(), null, null) : null;
		});
	}

	private static Target target(TaskEntity task) {
		ExecutionEntity instance = task.getProcessInstance();
		return new Target((instance != null) ? instance.getRootProcessInstanceId() : task.getProcessInstanceId(),
				(instance != null) ? instance.getBusinessKey() : null, task.getId(), task.getTaskDefinitionKey());
	}

	/**
	 * The task's form as deployed with its process version; a task without one takes nothing. Kept per process
	 * version and task only where the model binds the form to its own deployment (as the runbook's do): a form bound to
	 * "latest" may change with the next deployment, and is read each time.
	 */
	private TaskForm form(TaskEntity task) {
		TaskDefinition definition = task.getTaskDefinition();
		if (definition == null || definition.getCamundaFormDefinitionKey() == null) {
			return TaskForm.none();
		}
		boolean pinned = "deployment".equals(definition.getCamundaFormDefinitionBinding());
		String key = task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey();
		TaskForm known = pinned ? this.forms.get(key) : null;
		if (known != null) {
			return known;
		}
		TaskForm read;
		try (InputStream form = this.engine.getFormService().getDeployedTaskForm(task.getId())) {
			read = TaskForm.read(form, this.json);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The form of task " + task.getTaskDefinitionKey() + " cannot be read", ex);
		}
		if (pinned) {
			this.forms.putIfAbsent(key, read);
		}
		return read;
	}

	/** Reads what the rules need as the engine, not as the person: the rules hold whatever the person may read. */
	private <T> T readWithoutAuthorization(Command<T> read) {
		return this.engine.getCommandExecutorTxRequired()
			.execute((context) -> context.runWithoutAuthorization(() -> read.execute(context)));
	}

	/** A judgement on a task of the runbook: a refusal in words, or null to let it through. */
	@FunctionalInterface
	private interface TaskJudgement {

		String judge(TaskEntity task);

	}

	/**
	 * What a judgement found.
	 *
	 * @param target the case the request names, or null
	 * @param refusal why it is refused, or null when it may go ahead
	 */
	private record Verdict(Target target, String refusal) {
	}

	/**
	 * The case (and task) a request names.
	 *
	 * @param caseId the case's process instance id (the root of a called verification)
	 * @param caseKey the case's business key
	 * @param taskId the task, or null
	 * @param step the task's definition key, or null
	 */
	record Target(String caseId, String caseKey, String taskId, String step) {
	}

}
