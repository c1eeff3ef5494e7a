package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.List;

/**
 * An inbound connector's configuration ({@code Get-InboundConnector}).
 *
 * @param identity the connector's identity (its name)
 * @param guid its GUID, the id {@code Get-BlockedConnector} uses
 * @param connectorType {@code OnPremises} (can relay to the internet: the compromised-connector case) or
 * {@code Partner}
 * @param enabled whether it is on
 * @param senderIpAddresses the sender IP addresses or ranges it accepts
 * @param senderDomains the sender domains it accepts
 * @param tlsSenderCertificateName the certificate name it requires, if any
 * @param requireTls whether TLS is required
 * @param restrictDomainsToIpAddresses whether mail from the sender domains must come from the IP addresses
 * @param restrictDomainsToCertificate whether mail from the sender domains must present the certificate
 * @param whenCreated when it was created
 * @param whenChanged when it was last changed
 * @param comment the administrator's comment
 */
public record InboundConnector(String identity, String guid, String connectorType, boolean enabled,
		List<String> senderIpAddresses, List<String> senderDomains, String tlsSenderCertificateName,
		boolean requireTls, boolean restrictDomainsToIpAddresses, boolean restrictDomainsToCertificate,
		Instant whenCreated, Instant whenChanged, String comment) {
}
