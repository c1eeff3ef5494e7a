package org.soc.runbook.detection;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.exchange.InboundConnector;
import org.soc.runbook.tenant.graph.SecurityAlert.ConnectorHints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding the connector a "Suspicious connector activity" alert is about from what it names (domain, IP address,
 * GUID, name), without guessing when it could be several.
 */
class ConnectorAlertMatchTests {

	private static final InboundConnector RELAY = connector("Contoso on-premises relay",
			"0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c", List.of(), List.of("*"));

	private static final InboundConnector PARTNER = connector("Fabrikam partner",
			"7a2e9d41-3c5b-4f80-b6e2-9d1c4a8f5e07", List.of("203.0.113.0/28"), List.of("fabrikam.example"));

	private static final InboundConnector SCANNERS = connector("Scanners", "11111111-2222-3333-4444-555555555555",
			List.of("192.0.2.10"), List.of("*.scan.contoso.com"));

	private static final List<InboundConnector> ALL = List.of(RELAY, PARTNER, SCANNERS);

	@Test
	void anAddressWithinASendersRangeOrEqualToItNamesThatConnector() {
		assertThat(ConnectorAlertMatch.named(hints(List.of("203.0.113.9"), List.of()), ALL)).containsExactly(PARTNER);
		assertThat(ConnectorAlertMatch.named(hints(List.of("192.0.2.10"), List.of()), ALL)).containsExactly(SCANNERS);
	}

	@Test
	void aDomainAsExchangePrintsItOrUnderAWildcardNamesThatConnector() {
		assertThat(ConnectorAlertMatch.named(hints(List.of(), List.of("fabrikam.example")), ALL))
			.containsExactly(PARTNER);
		assertThat(ConnectorAlertMatch.named(hints(List.of(), List.of("mfp.scan.contoso.com")), ALL))
			.containsExactly(SCANNERS);
	}

	@Test
	void theOneConnectorThatAcceptsAnyDomainIsTakenOnlyWhenNothingMatchedExactly() {
		assertThat(ConnectorAlertMatch.named(hints(List.of("198.51.100.23"), List.of("contoso.com")), ALL))
			.containsExactly(RELAY);
		InboundConnector second = connector("Another open relay", "99999999-2222-3333-4444-555555555555", List.of(),
				List.of("*"));
		assertThat(ConnectorAlertMatch.named(hints(List.of("198.51.100.23"), List.of("contoso.com")),
				List.of(RELAY, PARTNER, second)))
			.as("two could be meant: none is guessed")
			.isEmpty();
	}

	@Test
	void aGuidOrANameMentionedNamesTheConnector() {
		assertThat(ConnectorAlertMatch.named(new ConnectorHints(List.of(), List.of(),
				List.of("7a2e9d41-3c5b-4f80-b6e2-9d1c4a8f5e07"), ""), ALL)).containsExactly(PARTNER);
		assertThat(ConnectorAlertMatch.named(new ConnectorHints(List.of(), List.of(), List.of(),
				"Mail through Scanners looked like spam"), ALL)).containsExactly(SCANNERS);
	}

	@Test
	void anAlertThatNamesNothingKnownNamesNoConnectorAndNoHostIsLookedUp() {
		assertThat(ConnectorAlertMatch.named(hints(List.of("198.18.0.1", "cafe.bad"), List.of()), ALL)).isEmpty();
		assertThat(ConnectorAlertMatch.named(ConnectorHints.none(), ALL)).isEmpty();
	}

	private static ConnectorHints hints(List<String> ips, List<String> domains) {
		return new ConnectorHints(ips, domains, List.of(), "");
	}

	private static InboundConnector connector(String name, String guid, List<String> ips, List<String> domains) {
		return new InboundConnector(name, guid, "OnPremises", true, ips, domains, null, false, false, false, null, null,
				null);
	}

}
