package org.soc.runbook.tenant.graph;

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
public record GraphUser(String id, String userPrincipalName, String displayName, String mail, boolean accountEnabled,
		boolean onPremisesSyncEnabled) {
}
