package org.soc.runbook.tenant.graph;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

/**
 * A Defender alert from Graph {@code security/alerts_v2}.
 *
 * @param id the alert id
 * @param title the alert title, e.g. "User restricted from sending email"
 * @param severity informational, low, medium, high
 * @param status new, inProgress, resolved
 * @param serviceSource the product that raised it
 * @param createdDateTime when it was raised
 * @param mailboxes the user principal names and mailbox addresses in its evidence, lower case
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecurityAlert(String id, String title, String severity, String status, String serviceSource,
		Instant createdDateTime, List<String> mailboxes) {

	/** Graph's alert: its mailboxes are the addresses its evidence names, wherever the kind of evidence keeps them. */
	@JsonCreator
	static SecurityAlert of(@JsonProperty("id") String id, @JsonProperty("title") String title,
			@JsonProperty("severity") String severity, @JsonProperty("status") String status,
			@JsonProperty("serviceSource") String serviceSource,
			@JsonProperty("createdDateTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdDateTime,
			@JsonProperty("evidence") List<Evidence> evidence) {
		Stream<Evidence> each = (evidence != null) ? evidence.stream().filter(Objects::nonNull) : Stream.empty();
		return new SecurityAlert(id, title, severity, status, serviceSource, createdDateTime,
				MailAddresses.of(each.flatMap(Evidence::addresses)));
	}

	/** One piece of evidence: a mailbox names its address, a user its account. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Evidence(String primaryAddress, String upn, UserAccount userAccount) {

		Stream<String> addresses() {
			return Stream.of(this.primaryAddress, this.upn,
					(this.userAccount != null) ? this.userAccount.userPrincipalName() : null);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record UserAccount(String userPrincipalName) {
	}

}
