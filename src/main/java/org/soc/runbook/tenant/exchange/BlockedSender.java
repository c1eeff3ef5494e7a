package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

/**
 * A mailbox on the Restricted entities list ({@code Get-BlockedSenderAddress}).
 *
 * @param senderAddress the blocked address, lower case
 * @param reason Microsoft's reason string, e.g.
 * {@code EmailSendingLimitExceeded;InternalRecipientCountToday=0;ExternalRecipientCountToday=1200;...}
 * @param createdDatetime when the block was put in place
 * @param changedDatetime when it last changed
 * @param temporaryBlock true for a block that clears by itself (e.g. "blocked for today")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockedSender(String senderAddress, String reason, Instant createdDatetime, Instant changedDatetime,
		boolean temporaryBlock) {

	/**
	 * The cmdlet's row, the address in lower case. The dates' spelling is not documented: the second one is read where
	 * the first gives no date.
	 */
	@JsonCreator
	static BlockedSender of(
			@JsonProperty("SenderAddress") @JsonDeserialize(using = ExchangeValues.Text.class) String senderAddress,
			@JsonProperty("Reason") @JsonDeserialize(using = ExchangeValues.Text.class) String reason,
			@JsonProperty("CreatedDatetime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant created,
			@JsonProperty("CreatedDateTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdAsDateTime,
			@JsonProperty("ChangedDatetime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant changed,
			@JsonProperty("ChangedDateTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant changedAsDateTime,
			@JsonProperty("TemporaryBlock")
			@JsonDeserialize(using = ExchangeValues.Flag.class) boolean temporaryBlock) {
		return new BlockedSender((senderAddress != null) ? senderAddress.toLowerCase(Locale.ROOT) : null, reason,
				ExchangeValues.first(created, createdAsDateTime), ExchangeValues.first(changed, changedAsDateTime),
				temporaryBlock);
	}

	/**
	 * The reason's {@code key=value} parts. The format is not documented and older blocks use {@code key:value};
	 * the first {@code =} or {@code :} splits, a part without one becomes a key with an empty value.
	 */
	public Map<String, String> reasonFields() {
		return parseReason(this.reason);
	}

	static Map<String, String> parseReason(String reason) {
		if (reason == null || reason.isBlank()) {
			return Map.of();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String part : reason.split(";")) {
			String item = part.trim();
			if (item.isEmpty()) {
				continue;
			}
			int eq = item.indexOf('=');
			int colon = item.indexOf(':');
			int split = (eq < 0) ? colon : ((colon < 0) ? eq : Math.min(eq, colon));
			if (split < 0) {
				fields.putIfAbsent(item, "");
			}
			else {
				fields.putIfAbsent(item.substring(0, split).trim(), item.substring(split + 1).trim());
			}
		}
		return Collections.unmodifiableMap(fields);
	}

}
