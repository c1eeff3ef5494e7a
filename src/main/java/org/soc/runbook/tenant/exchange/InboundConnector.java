package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

/**
 * An inbound connector's configuration ({@code Get-InboundConnector}).
 *
 * @param identity the connector's identity (its name)
 * @param guid its GUID, the id {@code Get-BlockedConnector} uses
 * @param connectorType {@code OnPremises} (can relay to the internet: the compromised-connector case) or
 * {@code Partner}
 * @param enabled whether it is on
 * @param senderIpAddresses the sender IP addresses or ranges it accepts
 * @param senderDomains the sender domains it accepts, bare ({@code contoso.com}, {@code *})
 * @param tlsSenderCertificateName the certificate name it requires, if any
 * @param requireTls whether TLS is required
 * @param restrictDomainsToIpAddresses whether mail from the sender domains must come from the IP addresses
 * @param restrictDomainsToCertificate whether mail from the sender domains must present the certificate
 * @param whenCreated when it was created
 * @param whenChanged when it was last changed
 * @param comment the administrator's comment
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundConnector(String identity, String guid, String connectorType, boolean enabled,
		List<String> senderIpAddresses, List<String> senderDomains, String tlsSenderCertificateName,
		boolean requireTls, boolean restrictDomainsToIpAddresses, boolean restrictDomainsToCertificate,
		Instant whenCreated, Instant whenChanged, String comment) {

	/**
	 * The cmdlet's row. Its dates come in UTC and in the server's time ({@code WhenChanged}, perhaps without an
	 * offset): the UTC one is read, the other only where it gives no date.
	 */
	@JsonCreator
	static InboundConnector of(
			@JsonProperty("Identity") @JsonDeserialize(using = ExchangeValues.Text.class) String identity,
			@JsonProperty("Guid") @JsonDeserialize(using = ExchangeValues.Text.class) String guid,
			@JsonProperty("ConnectorType") @JsonDeserialize(using = ExchangeValues.Text.class) String connectorType,
			@JsonProperty("Enabled") @JsonDeserialize(using = ExchangeValues.Flag.class) boolean enabled,
			@JsonProperty("SenderIPAddresses")
			@JsonDeserialize(using = ExchangeValues.Texts.class) List<String> senderIpAddresses,
			@JsonProperty("SenderDomains")
			@JsonDeserialize(using = ExchangeValues.Domains.class) List<String> senderDomains,
			@JsonProperty("TlsSenderCertificateName")
			@JsonDeserialize(using = ExchangeValues.Text.class) String tlsSenderCertificateName,
			@JsonProperty("RequireTls") @JsonDeserialize(using = ExchangeValues.Flag.class) boolean requireTls,
			@JsonProperty("RestrictDomainsToIPAddresses")
			@JsonDeserialize(using = ExchangeValues.Flag.class) boolean restrictDomainsToIpAddresses,
			@JsonProperty("RestrictDomainsToCertificate")
			@JsonDeserialize(using = ExchangeValues.Flag.class) boolean restrictDomainsToCertificate,
			@JsonProperty("WhenCreatedUTC")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant whenCreatedUtc,
			@JsonProperty("WhenCreated") @JsonDeserialize(using = TenantDates.Deserializer.class) Instant whenCreated,
			@JsonProperty("WhenChangedUTC")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant whenChangedUtc,
			@JsonProperty("WhenChanged") @JsonDeserialize(using = TenantDates.Deserializer.class) Instant whenChanged,
			@JsonProperty("Comment") @JsonDeserialize(using = ExchangeValues.Text.class) String comment) {
		return new InboundConnector(identity, guid, connectorType, enabled, senderIpAddresses, senderDomains,
				tlsSenderCertificateName, requireTls, restrictDomainsToIpAddresses, restrictDomainsToCertificate,
				ExchangeValues.first(whenCreatedUtc, whenCreated), ExchangeValues.first(whenChangedUtc, whenChanged),
				comment);
	}

}
