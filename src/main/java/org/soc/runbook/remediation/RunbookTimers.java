package org.soc.runbook.remediation;

import java.time.Duration;

import org.soc.runbook.detection.DetectionProperties;

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

	public RunbookTimers(RemediationProperties properties, DetectionProperties detection) {
		this.properties = properties;
		this.detection = detection;
	}

	/** How often the poller reads the blocked lists (a repeating interval, e.g. {@code R/PT5M}). */
	public String pollCycle() {
		return this.detection.pollCycle();
	}

	/** The wait between two checks of the blocked list. */
	public String verifyInterval() {
		return iso(this.properties.verifyInterval());
	}

	/** How long after the unblock a still-blocked entity of the given type is escalated. */
	public String verifyTimeout(String entityType) {
		return iso(CaseStarter.CONNECTOR.equals(entityType) ? this.properties.connectorVerifyTimeout()
				: this.properties.mailboxVerifyTimeout());
	}

	static String iso(Duration duration) {
		return duration.toString();
	}

}
