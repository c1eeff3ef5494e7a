package org.soc.runbook.tenant.exchange;

import java.time.Instant;

/**
 * One audit-log record of an inbound connector being created, changed or removed
 * ({@code Search-UnifiedAuditLog -Operations New-InboundConnector,Set-InboundConnector,Remove-InboundConnector}).
 * The row's shape is not documented for the admin API; the properties the cmdlet prints are read tolerantly.
 *
 * @param at when it happened
 * @param userId who did it (a UPN, or an app's name for app-only changes)
 * @param operation the cmdlet, e.g. {@code Set-InboundConnector}
 * @param objectId the connector it was about (its name), when the record says
 */
public record ConnectorChange(Instant at, String userId, String operation, String objectId) {
}
