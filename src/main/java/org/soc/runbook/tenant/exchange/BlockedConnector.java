package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

/**
 * An inbound connector on the Restricted entities list ({@code Get-BlockedConnector}). Microsoft does not document
 * the output: the names below are those public clients read ({@code ConnectorId}, {@code ConnectorName}, ...) and
 * those Exchange uses for the same facts elsewhere ({@code Identity}, {@code Guid}, {@code Name}), read tolerantly,
 * so that a row named otherwise still names its connector.
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

	/** The property names read for the connector's GUID, in order of preference. */
	static final List<String> ID_NAMES = List.of("ConnectorId", "Guid", "Identity", "Id");

	/** The cmdlet's row. Each fact may have more than one name: the first one present is read. */
	@JsonCreator
	static BlockedConnector of(
			@JsonProperty("ConnectorId") @JsonDeserialize(using = ExchangeValues.Guid.class) UUID connectorId,
			@JsonProperty("Guid") @JsonDeserialize(using = ExchangeValues.Guid.class) UUID guid,
			@JsonProperty("Identity") @JsonDeserialize(using = ExchangeValues.Guid.class) UUID identity,
			@JsonProperty("Id") @JsonDeserialize(using = ExchangeValues.Guid.class) UUID id,
			@JsonProperty("ConnectorName") @JsonDeserialize(using = ExchangeValues.Text.class) String connectorName,
			@JsonProperty("Name") @JsonDeserialize(using = ExchangeValues.Text.class) String name,
			@JsonProperty("Reason") @JsonDeserialize(using = ExchangeValues.Text.class) String reason,
			@JsonProperty("CreatedTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdTime,
			@JsonProperty("CreatedDatetime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdDatetime,
			@JsonProperty("ExpirationTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant expirationTime,
			@JsonProperty("ExpirationDatetime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant expirationDatetime) {
		return new BlockedConnector(ExchangeValues.firstOf(connectorId, guid, identity, id),
				ExchangeValues.firstOf(connectorName, name), reason, ExchangeValues.first(createdTime, createdDatetime),
				ExchangeValues.first(expirationTime, expirationDatetime));
	}

}
