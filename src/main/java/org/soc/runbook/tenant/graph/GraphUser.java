package org.soc.runbook.tenant.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An Entra user as the runbook needs it.
 *
 * @param id the object id
 * @param userPrincipalName the sign-in name
 * @param displayName the display name (attacker-controlled after a compromise: show it as text)
 * @param mail the primary SMTP address, if any
 * @param accountEnabled whether sign-in is allowed
 * @param onPremisesSyncEnabled true when the user is synced from on-premises Active Directory: its password cannot
 * be reset from the cloud
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphUser(String id, String userPrincipalName, String displayName, String mail, boolean accountEnabled,
		boolean onPremisesSyncEnabled) {

	/**
	 * Graph's user. An account counts as enabled unless Graph says otherwise; {@code onPremisesSyncEnabled} is null for
	 * a user that was never synced.
	 */
	@JsonCreator
	static GraphUser of(@JsonProperty("id") String id, @JsonProperty("userPrincipalName") String userPrincipalName,
			@JsonProperty("displayName") String displayName, @JsonProperty("mail") String mail,
			@JsonProperty("accountEnabled") Boolean accountEnabled,
			@JsonProperty("onPremisesSyncEnabled") Boolean onPremisesSyncEnabled) {
		return new GraphUser(id, userPrincipalName, displayName, mail, !Boolean.FALSE.equals(accountEnabled),
				Boolean.TRUE.equals(onPremisesSyncEnabled));
	}

}
