package org.soc.runbook.cases;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.soc.runbook.security.RunbookRefusal;

/** Who is acting on a task right now: the signed-in user, or else the task's assignee. */
public final class TaskActor {

	private TaskActor() {
	}

	/** The user as people read them: "Sam Analyst (analyst)", or the id alone when the directory has no name. */
	public static String named(DelegateTask task, String userId) {
		return label(task.getProcessEngineServices().getIdentityService().createUserQuery().userId(userId).singleResult(),
				userId);
	}

	/** "Sam Analyst (analyst)" for the directory's user, or the id alone when there is no user or no name. */
	public static String label(User user, String userId) {
		String name = (user == null) ? ""
				: ((user.getFirstName() != null ? user.getFirstName() : "") + " "
						+ (user.getLastName() != null ? user.getLastName() : "")).trim();
		return name.isEmpty() ? userId : Text.line(name, 100) + " (" + userId + ")";
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
