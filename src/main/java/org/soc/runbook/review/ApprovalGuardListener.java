package org.soc.runbook.review;

import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.security.RunbookRefusal;
import org.soc.runbook.cases.TaskActor;

import org.springframework.stereotype.Component;

/**
 * Four eyes on {@code Task_ApproveRelease}: the person who reviewed the case may neither claim nor complete its
 * approval, even when they are also a security administrator, through any client. On completion a decision and a
 * comment are required, and the approver is recorded.
 */
@Component
public class ApprovalGuardListener implements TaskListener {

	/** {@link CaseVariables#APPROVAL_DECISION}: approve the release. */
	public static final String APPROVE = "approve";

	/** {@link CaseVariables#APPROVAL_DECISION}: send it back to review. */
	public static final String REJECT = "reject";

	@Override
	public void notify(DelegateTask task) {
		CaseContext context = CaseContext.of(task);
		String reviewer = context.reviewedBy();
		if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
			if (task.getAssignee() != null && Objects.equals(task.getAssignee(), reviewer)) {
				throw refused(task.getAssignee());
			}
			return;
		}
		String approver = TaskActor.of(task);
		if (Objects.equals(approver, reviewer)) {
			throw refused(approver);
		}
		String decision = context.approvalDecision();
		if (!APPROVE.equals(decision) && !REJECT.equals(decision)) {
			throw new RunbookRefusal("Choose a decision: approve or reject.");
		}
		if (context.approvalComment() == null) {
			throw new RunbookRefusal("Write a comment: it is recorded with the case.");
		}
		context.setApprovedBy(approver, TaskActor.named(task, approver));
	}

	private static RunbookRefusal refused(String user) {
		return new RunbookRefusal("'" + user + "' reviewed this case and cannot also approve it: "
				+ "another security administrator must.");
	}

}
