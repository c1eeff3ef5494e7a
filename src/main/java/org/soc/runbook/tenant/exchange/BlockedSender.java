package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
public record BlockedSender(String senderAddress, String reason, Instant createdDatetime, Instant changedDatetime,
		boolean temporaryBlock) {

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
