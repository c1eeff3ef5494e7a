package org.soc.runbook.tenant.graph;

import java.time.Instant;

/**
 * One interactive sign-in from the Entra sign-in log.
 *
 * @param id the sign-in id
 * @param createdDateTime when it happened
 * @param appDisplayName the application signed in to
 * @param clientAppUsed the client ({@code Browser}, {@code IMAP}, {@code SMTP}, ...): legacy protocols are a classic
 * sign of a spam compromise
 * @param ipAddress the client's address
 * @param countryOrRegion the two-letter country the address is in
 * @param city the city
 * @param errorCode 0 for success, otherwise the Entra error code
 * @param failureReason why it failed, if it did
 * @param riskLevel the risk level during sign-in
 */
public record SignIn(String id, Instant createdDateTime, String appDisplayName, String clientAppUsed,
		String ipAddress, String countryOrRegion, String city, int errorCode, String failureReason,
		String riskLevel) {

	/** Whether the sign-in succeeded. */
	public boolean succeeded() {
		return this.errorCode == 0;
	}

}
