package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

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
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockedConnector(UUID connectorId, String connectorName, String reason, Instant createdTime,
		Instant expirationTime) {

	/** The cmdlet's row. Each date has two names in public code: the second is read where the first gives no date. */
	@JsonCreator
	static BlockedConnector of(
			@JsonProperty("ConnectorId") @JsonDeserialize(using = ExchangeValues.Guid.class) UUID connectorId,
			@JsonProperty("ConnectorName") @JsonDeserialize(using = ExchangeValues.Text.class) String connectorName,
			@JsonProperty("Reason") @JsonDeserialize(using = ExchangeValues.Text.class) String reason,
			@JsonProperty("CreatedTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdTime,
			@JsonProperty("CreatedDatetime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdDatetime,
			@JsonProperty("ExpirationTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant expirationTime,
			@JsonProperty("ExpirationDatetime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant expirationDatetime) {
		return new BlockedConnector(connectorId, connectorName, reason,
				ExchangeValues.first(createdTime, createdDatetime),
				ExchangeValues.first(expirationTime, expirationDatetime));
	}

}
