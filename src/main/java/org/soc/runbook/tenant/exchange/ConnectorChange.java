package org.soc.runbook.tenant.exchange;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

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
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectorChange(Instant at, String userId, String operation, String objectId) {

	/**
	 * The cmdlet's row: when, as {@code CreationDate} or else {@code CreationTime}; the connector, from the record's
	 * {@code AuditData}.
	 */
	@JsonCreator
	static ConnectorChange of(
			@JsonProperty("CreationDate") @JsonDeserialize(using = TenantDates.Deserializer.class) Instant creationDate,
			@JsonProperty("CreationTime") @JsonDeserialize(using = TenantDates.Deserializer.class) Instant creationTime,
			@JsonProperty("UserIds") @JsonDeserialize(using = ExchangeValues.Text.class) String userId,
			@JsonProperty("Operations") @JsonDeserialize(using = ExchangeValues.Text.class) String operation,
			@JsonProperty("AuditData") @JsonDeserialize(using = ExchangeValues.AuditObjectId.class) String objectId) {
		return new ConnectorChange(ExchangeValues.first(creationDate, creationTime), userId, operation, objectId);
	}

}
