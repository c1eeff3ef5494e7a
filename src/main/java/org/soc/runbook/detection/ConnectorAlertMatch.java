package org.soc.runbook.detection;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.soc.runbook.tenant.exchange.InboundConnector;
import org.soc.runbook.tenant.graph.SecurityAlert.ConnectorHints;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Which inbound connector a "Suspicious connector activity" alert is about. The alert names the connector's domain
 * and the sending IP address rather than its GUID, so it is matched against the connectors' configuration
 * ({@code Get-InboundConnector}): a GUID or the connector's name mentioned, an IP address within its sender IP
 * addresses or ranges, a domain among its sender domains. A connector that accepts any domain ({@code *}) is taken
 * only when it is the one such connector and nothing matched exactly: on-premises relays are often set up so.
 */
final class ConnectorAlertMatch {

	/** An IPv4 or IPv6 address, or a range of one in CIDR notation. */
	private static final Pattern LITERAL = Pattern
		.compile("^(?:\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:/\\d{1,3})?)$");

	private ConnectorAlertMatch() {
	}

	/** The connectors the alert names; empty when it names none. */
	static List<InboundConnector> named(ConnectorHints hints, List<InboundConnector> connectors) {
		List<InboundConnector> exact = connectors.stream().filter((c) -> exactly(hints, c)).toList();
		if (!exact.isEmpty() || hints.domains().isEmpty()) {
			return exact;
		}
		List<InboundConnector> anyDomain = connectors.stream()
			.filter((c) -> c.senderDomains().stream().map(ConnectorAlertMatch::domain).anyMatch("*"::equals))
			.toList();
		return (anyDomain.size() == 1) ? anyDomain : List.of();
	}

	private static boolean exactly(ConnectorHints hints, InboundConnector connector) {
		if (connector.guid() != null && hints.guids().contains(connector.guid().toLowerCase(Locale.ROOT))) {
			return true;
		}
		String name = connector.identity();
		if (name != null && name.length() >= 4
				&& hints.text().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
			return true;
		}
		for (String range : connector.senderIpAddresses()) {
			if (!LITERAL.matcher(range.trim()).matches()) {
				continue;
			}
			IpAddressMatcher matcher;
			try {
				matcher = new IpAddressMatcher(range.trim());
			}
			catch (IllegalArgumentException notAnAddress) {
				continue;
			}
			if (hints.ipAddresses().stream().anyMatch((ip) -> matches(matcher, ip))) {
				return true;
			}
		}
		for (String accepted : connector.senderDomains()) {
			String domain = domain(accepted);
			for (String named : hints.domains()) {
				if (named.equals(domain) || (domain.startsWith("*.") && named.endsWith(domain.substring(1)))) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean matches(IpAddressMatcher matcher, String ip) {
		// Literals only: the matcher would look a host name up in DNS.
		if (!LITERAL.matcher(ip).matches() || ip.contains("/")) {
			return false;
		}
		try {
			return matcher.matches(ip);
		}
		catch (IllegalArgumentException notAnAddress) {
			return false;
		}
	}

	/** A sender domain in lower case (the Exchange client binds them bare already: no smtp: prefix, no cost). */
	private static String domain(String accepted) {
		return accepted.trim().toLowerCase(Locale.ROOT);
	}

}
