package org.soc.runbook.review;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.soc.runbook.cases.CaseContext;

import org.springframework.stereotype.Component;

/**
 * The priority a review task is created with ({@code ${reviewPriority.of(execution)}} in the models): a repeat, an
 * entity restricted again soon after an earlier case closed, comes before a first case, because a repeat means the
 * earlier clean-up did not hold. Tasklist sorts each queue by priority; an overdue task goes higher still
 * ({@link ReviewProperties#overduePriority()}).
 */
@Component("reviewPriority")
public class ReviewPriority {

	/** A first case. */
	static final int FIRST = 50;

	/** A repeat: above every first case, below an overdue task. */
	static final int REPEAT = 80;

	/** The priority of the review of this case. */
	public int of(VariableScope execution) {
		return CaseContext.of(execution).repeat() ? REPEAT : FIRST;
	}

}
