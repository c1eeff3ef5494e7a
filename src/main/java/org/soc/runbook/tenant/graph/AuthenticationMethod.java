package org.soc.runbook.tenant.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A registered authentication method.
 *
 * @param id the method id
 * @param type the Graph type without its namespace, e.g. {@code microsoftAuthenticatorAuthenticationMethod}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthenticationMethod(String id, String type) {

	/** Graph's method: its type is its {@code @odata.type}, e.g. {@code #microsoft.graph.fido2AuthenticationMethod}. */
	@JsonCreator
	static AuthenticationMethod of(@JsonProperty("id") String id, @JsonProperty("@odata.type") String odataType) {
		return new AuthenticationMethod(id,
				(odataType != null) ? odataType.substring(odataType.lastIndexOf('.') + 1) : "unknown");
	}

	/** Whether this method is a second factor (anything but the password itself). */
	public boolean isSecondFactor() {
		return !"passwordAuthenticationMethod".equals(this.type);
	}

}
