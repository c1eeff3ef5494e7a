package org.soc.runbook.tenant.exchange;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * An inbox rule as Exchange shows it with {@code Get-InboxRule -IncludeHidden}. Hidden rules (a favourite attacker
 * trick) appear here but not in Graph's list.
 *
 * @param identity the rule's identity, used to disable it
 * @param name the rule's name (attacker-controlled)
 * @param enabled whether it runs
 * @param forwardTo addresses it forwards to
 * @param forwardAsAttachmentTo addresses it forwards to as an attachment
 * @param redirectTo addresses it redirects to
 * @param deleteMessage whether it deletes mail (to Deleted Items)
 * @param softDeleteMessage whether it soft-deletes mail
 * @param permanentDelete whether it deletes mail for good
 * @param moveToFolder the folder it moves mail to, if any
 * @param description Exchange's text description of the rule
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboxRule(@JsonProperty("Identity") @JsonDeserialize(using = ExchangeValues.Text.class) String identity,
		@JsonProperty("Name") @JsonDeserialize(using = ExchangeValues.Text.class) String name,
		@JsonProperty("Enabled") @JsonDeserialize(using = ExchangeValues.Flag.class) boolean enabled,
		@JsonProperty("ForwardTo") @JsonDeserialize(using = ExchangeValues.Addresses.class) List<String> forwardTo,
		@JsonProperty("ForwardAsAttachmentTo")
		@JsonDeserialize(using = ExchangeValues.Addresses.class) List<String> forwardAsAttachmentTo,
		@JsonProperty("RedirectTo") @JsonDeserialize(using = ExchangeValues.Addresses.class) List<String> redirectTo,
		@JsonProperty("DeleteMessage") @JsonDeserialize(using = ExchangeValues.Flag.class) boolean deleteMessage,
		@JsonProperty("SoftDeleteMessage")
		@JsonDeserialize(using = ExchangeValues.Flag.class) boolean softDeleteMessage,
		@JsonProperty("PermanentDelete") @JsonDeserialize(using = ExchangeValues.Flag.class) boolean permanentDelete,
		@JsonProperty("MoveToFolder") @JsonDeserialize(using = ExchangeValues.Text.class) String moveToFolder,
		@JsonProperty("Description") @JsonDeserialize(using = ExchangeValues.Text.class) String description) {
}
