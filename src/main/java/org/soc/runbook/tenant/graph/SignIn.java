package org.soc.runbook.tenant.graph;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

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
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignIn(String id, Instant createdDateTime, String appDisplayName, String clientAppUsed,
		String ipAddress, String countryOrRegion, String city, int errorCode, String failureReason,
		String riskLevel) {

	/** Graph's sign-in: where it came from and how it ended are nested in {@code location} and {@code status}. */
	@JsonCreator
	static SignIn of(@JsonProperty("id") String id,
			@JsonProperty("createdDateTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdDateTime,
			@JsonProperty("appDisplayName") String appDisplayName, @JsonProperty("clientAppUsed") String clientAppUsed,
			@JsonProperty("ipAddress") String ipAddress, @JsonProperty("location") Location location,
			@JsonProperty("status") Status status, @JsonProperty("riskLevelDuringSignIn") String riskLevel) {
		Location where = (location != null) ? location : new Location(null, null);
		Status how = (status != null) ? status : new Status(0, null);
		return new SignIn(id, createdDateTime, appDisplayName, clientAppUsed, ipAddress, where.countryOrRegion(),
				where.city(), how.errorCode(), how.failureReason(), riskLevel);
	}

	/** Whether the sign-in succeeded. */
	public boolean succeeded() {
		return this.errorCode == 0;
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Location(String countryOrRegion, String city) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Status(int errorCode, String failureReason) {
	}

}
