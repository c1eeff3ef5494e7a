package org.soc.runbook.security;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A rule the runbook enforces said no to what a person asked (a release without every recommendation, the reviewer
 * approving their own review, a field the task's form does not have). An answer, not a failure: the person gets a
 * 4xx with this sentence through every surface, the log gets one WARN line with the case and the user, and the
 * case's timeline records the attempt. The message is written for the person who tried.
 */
public class RunbookRefusal extends BadUserRequestException {

	private static final long serialVersionUID = 1L;

	public RunbookRefusal(String message) {
		super(message);
	}

	/** The refusal in the cause chain of {@code failure} (itself included), or null. */
	public static RunbookRefusal in(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++) {
			if (cause instanceof RunbookRefusal refusal) {
				return refusal;
			}
			cause = (cause.getCause() == cause) ? null : cause.getCause();
		}
		return null;
	}

}
