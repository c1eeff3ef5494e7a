package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.UUID;

/**
 * An inbound connector on the Restricted entities list ({@code Get-BlockedConnector}). Microsoft does not document
 * the output; these are the properties seen in public code, read tolerantly.
 *
 * @param connectorId the connector's GUID
 * @param connectorName its name (attacker-controlled if the attacker created it)
 * @param reason why it was blocked
 * @param createdTime when the block was put in place
 * @param expirationTime when the block ends by itself, if ever
 */
public record BlockedConnector(UUID connectorId, String connectorName, String reason, Instant createdTime,
		Instant expirationTime) {
}
