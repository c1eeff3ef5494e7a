package org.soc.runbook.remediation;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.TaskActor;
import org.soc.runbook.security.RunbookRefusal;

import org.springframework.stereotype.Component;

/**
 * On completing {@code Task_RestoreAccess}: the helpdesk either confirms the user will reset the password themselves
 * (only when a method self-service reset can use is registered: otherwise the user would stay locked out) or has
 * issued a Temporary Access Pass on the helpdesk page, which completes the task itself with the pass's record. The
 * task's form cannot claim a pass was issued: only the page, after Graph created one, can. Records who and when.
 */
@Component
class RestoreAccessCompletionListener implements TaskListener {

	/** The user resets the password themselves (self-service password reset). */
	static final String SELF_SERVICE_RESET = "selfServiceReset";

	/** The helpdesk issued a Temporary Access Pass after calling the user back. */
	static final String TEMPORARY_ACCESS_PASS = "temporaryAccessPass";

	@Override
	public void notify(DelegateTask task) {
		CaseContext context = CaseContext.of(task);
		String choice = context.accessRestoration();
		if (TEMPORARY_ACCESS_PASS.equals(choice)) {
			if (context.passIssuedAt() == null) {
				throw new RunbookRefusal("A Temporary Access Pass is issued on the helpdesk page (/helpdesk/), which "
						+ "completes this task itself; nothing was recorded.");
			}
		}
		else if (SELF_SERVICE_RESET.equals(choice)) {
			if (!context.canResetThemselves()) {
				throw new RunbookRefusal("The user has no method self-service reset can use, so they would stay "
						+ "locked out: call them back on a number on file and issue a Temporary Access Pass on the "
						+ "helpdesk page (/helpdesk/).");
			}
		}
		else {
			throw new RunbookRefusal("Choose how the user gets back in: self-service password reset, or a Temporary "
					+ "Access Pass from the helpdesk page (/helpdesk/).");
		}
		context.setAccessRestored(TaskActor.of(task), Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).toString());
	}

}
