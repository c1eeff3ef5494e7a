package org.soc.runbook.remediation;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.soc.runbook.cases.EntityType;
import org.soc.runbook.detection.DetectionProperties;
import org.soc.runbook.review.ReviewProperties;

import org.springframework.stereotype.Component;

/**
 * The durations the BPMN timers use, as ISO-8601, from configuration: the models say
 * {@code ${runbookTimers.verifyInterval()}} rather than a literal, so the demo can run them in seconds and
 * production in hours without a second model.
 */
@Component("runbookTimers")
public class RunbookTimers {

	private final RemediationProperties properties;

	private final DetectionProperties detection;

	private final ReviewProperties review;

	public RunbookTimers(RemediationProperties properties, DetectionProperties detection, ReviewProperties review) {
		this.properties = properties;
		this.detection = detection;
		this.review = review;
	}

	/** How long a review may wait before it is overdue. */
	public String reviewSla() {
		return iso(this.review.reviewSla());
	}

	/** How long an approval may wait before it is overdue. */
	public String approvalSla() {
		return iso(this.review.approvalSla());
	}

	/** A new review task's due date: now on the engine's clock plus the review SLA. */
	public Date reviewDue() {
		return Date.from(ClockUtil.getCurrentTime().toInstant().plus(this.review.reviewSla()));
	}

	/** A new approval task's due date. */
	public Date approvalDue() {
		return Date.from(ClockUtil.getCurrentTime().toInstant().plus(this.review.approvalSla()));
	}

	/** How long the helpdesk's task may wait before it is overdue. */
	public String restoreAccessSla() {
		return iso(this.review.restoreAccessSla());
	}

	/** A new helpdesk task's due date. */
	public Date restoreAccessDue() {
		return Date.from(ClockUtil.getCurrentTime().toInstant().plus(this.review.restoreAccessSla()));
	}

	/** A new escalation's due date. */
	public Date escalationDue() {
		return Date.from(ClockUtil.getCurrentTime().toInstant().plus(this.review.escalationSla()));
	}

	/**
	 * When an open escalation tells the leads again: at its due time and after each further SLA period, for as long
	 * as nobody resolves it (an entity must not stay restricted without anyone hearing).
	 */
	public String escalationOverdueCycle() {
		return "R/" + iso(this.review.escalationSla());
	}

	/** How often the poller reads the blocked lists (a repeating interval, e.g. {@code R/PT1M}). */
	public String pollCycle() {
		return this.detection.pollCycle();
	}

	/** The wait between two checks of the blocked list. */
	public String verifyInterval() {
		return iso(this.properties.verifyInterval());
	}

	/** How long after the unblock a still-blocked entity of the given type is escalated. */
	public String verifyTimeout(String entityType) {
		return iso(EntityType.of(entityType) == EntityType.CONNECTOR ? this.properties.connectorVerifyTimeout()
				: this.properties.mailboxVerifyTimeout());
	}

	static String iso(Duration duration) {
		return duration.toString();
	}

}
