package org.soc.runbook.audit;

import java.time.Instant;

/**
 * One fact of a case's story, as an auditor reads it. Flat on purpose: the JSON and CSV exports carry exactly these
 * fields, so the two agree line by line.
 *
 * @param at when it happened (a step: when it started)
 * @param kind {@code opened}, {@code step}, {@code tenant}, {@code decision}, {@code operation}, {@code incident}, {@code retry},
 * {@code escalation}, {@code notification}, {@code outcome} or {@code refused} (what a person asked that a rule of the
 * runbook refused)
 * @param step the model element it belongs to, e.g. {@code Task_ResetPassword}
 * @param actor who did it: a user id, or {@code runbook} for the engine
 * @param summary what happened, in words (tenant data as text; never a secret)
 * @param stepName the step's name in the model, e.g. "Reset the password"; null when the entry belongs to no step
 */
public record TimelineEntry(Instant at, String kind, String step, String actor, String summary, String stepName) {

	/** An entry whose step's name is filled in later, for the whole timeline at once. */
	public TimelineEntry(Instant at, String kind, String step, String actor, String summary) {
		this(at, kind, step, actor, summary, null);
	}

	/** The entry with its step named. */
	TimelineEntry named(String name) {
		return new TimelineEntry(this.at, this.kind, this.step, this.actor, this.summary, name);
	}

}
