package org.soc.runbook.tenant.graph;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A registered authentication method.
 *
 * @param id the method id
 * @param type the Graph type without its namespace, e.g. {@code microsoftAuthenticatorAuthenticationMethod}
 * @param contact where the method reaches the user, for a phone ({@code phoneNumber}) or an e-mail method
 * ({@code emailAddress}); null for the others
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthenticationMethod(String id, String type, String contact) {

	/**
	 * The methods that can prove the user's identity to self-service password reset: a phone (text or call), an
	 * e-mail address, the Authenticator app's notification or code, a software OATH code. A password, a FIDO2 key or
	 * Windows Hello cannot.
	 */
	private static final Set<String> SELF_SERVICE_RESET = Set.of("phoneAuthenticationMethod",
			"emailAuthenticationMethod", "microsoftAuthenticatorAuthenticationMethod",
			"softwareOathAuthenticationMethod");

	/** A method without contact details. */
	public AuthenticationMethod(String id, String type) {
		this(id, type, null);
	}

	/** Graph's method: its type is its {@code @odata.type}, e.g. {@code #microsoft.graph.fido2AuthenticationMethod}. */
	@JsonCreator
	static AuthenticationMethod of(@JsonProperty("id") String id, @JsonProperty("@odata.type") String odataType,
			@JsonProperty("phoneNumber") String phoneNumber, @JsonProperty("emailAddress") String emailAddress) {
		return new AuthenticationMethod(id,
				(odataType != null) ? odataType.substring(odataType.lastIndexOf('.') + 1) : "unknown",
				(phoneNumber != null) ? phoneNumber : emailAddress);
	}

	/** Whether this method is a second factor (anything but the password itself). */
	public boolean isSecondFactor() {
		return !"passwordAuthenticationMethod".equals(this.type);
	}

	/** Whether self-service password reset can use this method to verify the user. */
	public boolean servesSelfServiceReset() {
		return SELF_SERVICE_RESET.contains(this.type);
	}

}
