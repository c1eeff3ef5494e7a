package org.soc.runbook.escalation;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.TaskActor;
import org.soc.runbook.security.RunbookRefusal;

import org.springframework.stereotype.Component;

/**
 * On completing {@code Task_ResolveEscalation}: one of the three ways out and a note are required; the lead who
 * decided is recorded.
 */
@Component
public class EscalationCompletionListener implements TaskListener {

	/** Ask Microsoft again and verify again. */
	public static final String RETRY_UNBLOCK = "retryUnblock";

	/** Leave the entity restricted. */
	public static final String KEEP_RESTRICTED = "keepRestricted";

	/** Close the case with a note (e.g. Microsoft Support is handling it). */
	public static final String CLOSE = "close";

	private static final Set<String> DECISIONS = Set.of(RETRY_UNBLOCK, KEEP_RESTRICTED, CLOSE);

	@Override
	public void notify(DelegateTask task) {
		CaseContext context = CaseContext.of(task);
		String decision = context.escalationDecision();
		if (!DECISIONS.contains(decision)) {
			throw new RunbookRefusal("Choose: retry the unblock, keep restricted, or close with a note.");
		}
		if (context.escalationNote() == null) {
			throw new RunbookRefusal("Write a note: it is recorded with the case.");
		}
		context.setEscalationResolvedBy(TaskActor.of(task));
	}

}
