package org.soc.runbook.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long history is kept and when it is cleaned up.
 *
 * @param caseHistory how long a closed case's history (every step, decision, tenant action, operation, incident)
 * is kept after the case ended; then Camunda's history cleanup removes it
 * @param detectionHistory the same for the detection runs (one every poll cycle: many, each small)
 * @param cleanupWindowStart when the nightly cleanup window opens (HH:mm, the server's time zone)
 * @param cleanupWindowEnd when it closes
 */
@ConfigurationProperties("runbook.retention")
public record RetentionProperties(@DefaultValue("365d") Duration caseHistory,
		@DefaultValue("30d") Duration detectionHistory, @DefaultValue("22:00") String cleanupWindowStart,
		@DefaultValue("05:00") String cleanupWindowEnd) {

	public RetentionProperties {
		if (caseHistory.toDays() < 1 || detectionHistory.toDays() < 1) {
			throw new IllegalArgumentException("runbook.retention.* must be at least one day");
		}
	}

}
