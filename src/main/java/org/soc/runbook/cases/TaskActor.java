package org.soc.runbook.cases;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.soc.runbook.security.RunbookRefusal;

/** Who is acting on a task right now: the signed-in user, or else the task's assignee. */
public final class TaskActor {

	private TaskActor() {
	}

	public static String of(DelegateTask task) {
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current != null && current.getUserId() != null) {
			return current.getUserId();
		}
		if (task.getAssignee() != null) {
			return task.getAssignee();
		}
		throw new RunbookRefusal(
				"This task records who decided: complete it signed in, or claim it first.");
	}

}
