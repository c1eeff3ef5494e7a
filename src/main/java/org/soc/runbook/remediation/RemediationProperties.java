package org.soc.runbook.remediation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the runbook contains, verifies and retries.
 *
 * @param mfaStrategy {@code per-user}: set the per-user MFA state to enforced (beta API); {@code group}: add the user
 * to {@link #mfaGroupId()}, the group a Conditional Access policy requiring MFA targets (Microsoft's recommended way)
 * @param mfaGroupId the object id of that group; required with the {@code group} strategy
 * @param verifyInterval how long to wait between checks of the blocked list after an unblock
 * @param mailboxVerifyTimeout how long after the unblock a still-listed mailbox is escalated (Microsoft: at most 24 h)
 * @param connectorVerifyTimeout the same for connectors (Microsoft: within an hour)
 * @param signInLookback how far back sign-ins are read as evidence
 * @param evidenceMaxBytes the largest evidence JSON kept with a case; lists are cut to fit
 * @param connectorChangeWindow how far back the audit log is read for connector changes; an on-premises connector
 * changed within it is flagged (attackers change a connector shortly before they relay through it)
 */
@ConfigurationProperties("runbook.remediation")
public record RemediationProperties(@DefaultValue("per-user") String mfaStrategy, String mfaGroupId,
		@DefaultValue("15m") Duration verifyInterval, @DefaultValue("24h") Duration mailboxVerifyTimeout,
		@DefaultValue("2h") Duration connectorVerifyTimeout, @DefaultValue("7d") Duration signInLookback,
		@DefaultValue("65536") int evidenceMaxBytes, @DefaultValue("30d") Duration connectorChangeWindow) {

	/** The {@code per-user} MFA strategy. */
	public static final String MFA_PER_USER = "per-user";

	/** The {@code group} MFA strategy. */
	public static final String MFA_GROUP = "group";

	public RemediationProperties {
		if (!MFA_PER_USER.equals(mfaStrategy) && !MFA_GROUP.equals(mfaStrategy)) {
			throw new IllegalArgumentException(
					"runbook.remediation.mfa-strategy must be 'per-user' or 'group', not '" + mfaStrategy + "'");
		}
		if (MFA_GROUP.equals(mfaStrategy) && (mfaGroupId == null || mfaGroupId.isBlank())) {
			throw new IllegalArgumentException(
					"runbook.remediation.mfa-group-id is required with runbook.remediation.mfa-strategy=group");
		}
	}

}
