package org.soc.runbook.tenant.graph;

import java.time.Instant;
import java.util.List;

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
public record SecurityAlert(String id, String title, String severity, String status, String serviceSource,
		Instant createdDateTime, List<String> mailboxes) {
}
