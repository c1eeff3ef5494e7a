package org.soc.runbook.tenant.graph;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The phone numbers on a user's directory profile: what the helpdesk may call back to check that a caller is the
 * user (a number the caller gives is not good enough; one on file is).
 *
 * @param mobilePhone the profile's mobile number, if any
 * @param businessPhones its business numbers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserContact(String mobilePhone, List<String> businessPhones) {

	@JsonCreator
	static UserContact of(@JsonProperty("mobilePhone") String mobilePhone,
			@JsonProperty("businessPhones") List<String> businessPhones) {
		return new UserContact(mobilePhone, (businessPhones != null) ? List.copyOf(businessPhones) : List.of());
	}

	/** Every number on the profile, the mobile first. */
	public List<String> numbers() {
		List<String> all = new ArrayList<>();
		if (this.mobilePhone != null && !this.mobilePhone.isBlank()) {
			all.add(this.mobilePhone);
		}
		this.businessPhones.stream().filter((n) -> n != null && !n.isBlank()).forEach(all::add);
		return all;
	}

}
