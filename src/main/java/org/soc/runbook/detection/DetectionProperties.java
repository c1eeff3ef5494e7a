package org.soc.runbook.detection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How restrictions are found.
 *
 * @param pollCycle how often the poller reads the blocked lists, as an ISO-8601 repeating interval (read when the
 * detection process is deployed)
 * @param intakeSecret the shared secret of {@code POST /api/restrictions} (bearer token, or the key of an HMAC-SHA256
 * signature of the body); none: the intake is off
 * @param intakeMaxBytes the largest body the intake reads
 * @param alertsEnabled whether the poller also reads Defender alerts ("User restricted from sending email") as a
 * second signal; needs {@code SecurityAlert.ReadWrite.All} (read, and the outcome reported on the alert)
 * @param alertsLookback how far back each poll reads alerts
 * @param reReviewAfter how long a decision to keep an entity restricted stands while Microsoft keeps the same
 * restriction; after it, the next poll opens a case again so that someone looks at it anew
 */
@ConfigurationProperties("runbook.detection")
public record DetectionProperties(@DefaultValue("R/PT1M") String pollCycle, String intakeSecret,
		@DefaultValue("8192") int intakeMaxBytes, @DefaultValue("false") boolean alertsEnabled,
		@DefaultValue("1h") Duration alertsLookback, @DefaultValue("7d") Duration reReviewAfter) {

	/** Keeps the intake secret out of logs and failure analyses. */
	@Override
	public String toString() {
		return "DetectionProperties[pollCycle=" + this.pollCycle + ", intakeSecret="
				+ ((this.intakeSecret == null) ? "<none>" : "<hidden>") + ", intakeMaxBytes=" + this.intakeMaxBytes
				+ ", alertsEnabled=" + this.alertsEnabled + ", reReviewAfter=" + this.reReviewAfter + "]";
	}

}
