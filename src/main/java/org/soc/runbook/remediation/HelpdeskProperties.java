package org.soc.runbook.remediation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Temporary Access Pass the helpdesk issues to a contained user.
 *
 * @param passLifetime how long the pass can be used; the tenant's authentication methods policy bounds it (Microsoft
 * allows 10 minutes to 30 days, and defaults to one hour); short, because it is read out over the phone
 * @param passUsableOnce whether one sign-in uses the pass up (the user then registers a method of their own)
 */
@ConfigurationProperties("runbook.helpdesk")
public record HelpdeskProperties(@DefaultValue("1h") Duration passLifetime,
		@DefaultValue("true") boolean passUsableOnce) {

	public HelpdeskProperties {
		if (passLifetime.toMinutes() < 10 || passLifetime.toMinutes() > 43200) {
			throw new IllegalArgumentException(
					"runbook.helpdesk.pass-lifetime must be between 10 minutes and 30 days, not " + passLifetime);
		}
	}

}
