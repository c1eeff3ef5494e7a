package org.soc.runbook.tenant.graph;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

/**
 * A Temporary Access Pass Graph created ({@code temporaryAccessPassAuthenticationMethod}). The pass itself is a
 * credential: it is handed to the person who issued it once and kept nowhere; {@link #toString()} leaves it out.
 *
 * @param id the method id
 * @param pass the pass; Graph returns it only in the answer to its creation
 * @param startDateTime from when it can be used
 * @param lifetimeInMinutes how long it can be used
 * @param usableOnce whether one sign-in uses it up
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemporaryAccessPass(String id, String pass, Instant startDateTime, int lifetimeInMinutes,
		boolean usableOnce) {

	@JsonCreator
	static TemporaryAccessPass of(@JsonProperty("id") String id,
			@JsonProperty("temporaryAccessPass") String temporaryAccessPass,
			@JsonProperty("startDateTime") @JsonDeserialize(using = TenantDates.Deserializer.class) Instant start,
			@JsonProperty("lifetimeInMinutes") Integer lifetimeInMinutes,
			@JsonProperty("isUsableOnce") Boolean isUsableOnce) {
		return new TemporaryAccessPass(id, temporaryAccessPass, start,
				(lifetimeInMinutes != null) ? lifetimeInMinutes : 0, Boolean.TRUE.equals(isUsableOnce));
	}

	@Override
	public String toString() {
		return "TemporaryAccessPass[id=" + this.id + ", pass=<hidden>, start=" + this.startDateTime + ", lifetime="
				+ this.lifetimeInMinutes + " min, usableOnce=" + this.usableOnce + "]";
	}

}
