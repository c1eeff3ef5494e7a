package org.soc.runbook.tenant.graph;

/**
 * A registered authentication method.
 *
 * @param id the method id
 * @param type the Graph type without its namespace, e.g. {@code microsoftAuthenticatorAuthenticationMethod}
 */
public record AuthenticationMethod(String id, String type) {

	/** Whether this method is a second factor (anything but the password itself). */
	public boolean isSecondFactor() {
		return !"passwordAuthenticationMethod".equals(this.type);
	}

}
