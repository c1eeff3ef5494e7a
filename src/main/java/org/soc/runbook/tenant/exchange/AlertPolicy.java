package org.soc.runbook.tenant.exchange;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A Defender alert policy as {@code Get-ProtectionAlert} lists it. The runbook's seeds depend on two of them being on
 * ("User restricted from sending email", "Suspicious connector activity"), and on someone being told.
 *
 * @param name the policy's name
 * @param disabled whether it is off
 * @param notifyUser whom it e-mails (addresses, or {@code TenantAdmins})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertPolicy(String name, boolean disabled, List<String> notifyUser) {

	/** The cmdlet's row; a one-value list may come as a plain string. */
	@JsonCreator
	static AlertPolicy of(@JsonProperty("Name") @JsonDeserialize(using = ExchangeValues.Text.class) String name,
			@JsonProperty("Disabled") @JsonDeserialize(using = ExchangeValues.Flag.class) Boolean disabled,
			@JsonProperty("NotifyUser") @JsonDeserialize(using = ExchangeValues.Texts.class) List<String> notifyUser) {
		return new AlertPolicy(name, Boolean.TRUE.equals(disabled), (notifyUser != null) ? notifyUser : List.of());
	}

}
