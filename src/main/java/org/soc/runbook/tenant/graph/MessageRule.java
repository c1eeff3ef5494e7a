package org.soc.runbook.tenant.graph;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import static com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY;

/**
 * An inbox rule as Graph shows it (Graph does not show hidden rules; Exchange's {@code Get-InboxRule -IncludeHidden}
 * does, see the Exchange Online client's {@code InboxRule}).
 *
 * @param id the rule id
 * @param displayName the rule's name (attacker-controlled)
 * @param enabled whether it runs
 * @param forwardTo addresses it forwards to
 * @param forwardAsAttachmentTo addresses it forwards to as an attachment
 * @param redirectTo addresses it redirects to
 * @param delete whether it moves mail to Deleted Items
 * @param permanentDelete whether it deletes mail for good
 * @param moveToFolder the folder id it moves mail to, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageRule(String id, String displayName, boolean enabled, List<String> forwardTo,
		List<String> forwardAsAttachmentTo, List<String> redirectTo, boolean delete, boolean permanentDelete,
		String moveToFolder) {

	/** Graph's rule: what it does is nested in {@code actions}; a rule runs unless {@code isEnabled} says otherwise. */
	@JsonCreator
	static MessageRule of(@JsonProperty("id") String id, @JsonProperty("displayName") String displayName,
			@JsonProperty("isEnabled") Boolean isEnabled, @JsonProperty("actions") Actions actions) {
		Actions does = (actions != null) ? actions : new Actions(null, null, null, false, false, null);
		return new MessageRule(id, displayName, !Boolean.FALSE.equals(isEnabled),
				Recipient.addresses(does.forwardTo()), Recipient.addresses(does.forwardAsAttachmentTo()),
				Recipient.addresses(does.redirectTo()), does.delete(), does.permanentDelete(), does.moveToFolder());
	}

	/**
	 * What the rule does. The reference documents {@code redirectTo} both as one recipient and as a list, so each
	 * list of recipients takes either.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Actions(@JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Recipient> forwardTo,
			@JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Recipient> forwardAsAttachmentTo,
			@JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Recipient> redirectTo, boolean delete,
			boolean permanentDelete, String moveToFolder) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Recipient(EmailAddress emailAddress) {

		static List<String> addresses(List<Recipient> recipients) {
			Stream<Recipient> each = (recipients != null) ? recipients.stream() : Stream.empty();
			return MailAddresses.of(each.filter(Objects::nonNull)
				.map(Recipient::emailAddress)
				.filter(Objects::nonNull)
				.map(EmailAddress::address));
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record EmailAddress(String address) {
	}

}
