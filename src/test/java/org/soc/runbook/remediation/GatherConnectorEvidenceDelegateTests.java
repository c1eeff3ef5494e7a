package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.exchange.ConnectorChange;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.SignIn;
import org.soc.runbook.tenant.graph.GraphUser;
import org.soc.runbook.tenant.exchange.InboundConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

/**
 * The blocked connector's evidence as the reviewer reads it: Microsoft's signs of a compromised connector flagged in
 * words (recently created or changed on-premises, no IP or certificate restriction, any sender domain), who changed
 * it lately from the audit log with the newest administrator offered for investigation, a refused or missing source
 * noted without failing the step, and the document bounded by cutting the change list.
 */
class GatherConnectorEvidenceDelegateTests {

	private static final String CONNECTOR = "0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11";

	private static final String NAME = "Relay from on-prem";

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final GraphClient graph = mock(GraphClient.class);

	private final GatherConnectorEvidenceDelegate delegate = new GatherConnectorEvidenceDelegate(TestTenants.of(this.graph, this.exchange), EvidenceFakes.properties(65536), EvidenceFakes.JSON);

	@BeforeEach
	void anyAdminIsAUserWithoutSignIns() {
		lenient().when(this.graph.getUser(anyString()))
			.thenAnswer((call) -> new GraphUser("id-" + call.getArgument(0), call.getArgument(0), null, null, true,
					false));
	}

	@Test
	void microsoftsSignsOfACompromisedConnectorAreFlaggedInWords() {
		Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3)).minusSeconds(60);
		given(this.exchange.getInboundConnector(CONNECTOR)).willReturn(
				connector("OnPremises", List.of(), List.of("*"), null, false, threeHoursAgo, threeHoursAgo));
		givenChanges(List.of());
		DelegateExecution execution = connectorCase(Map.of());
		this.delegate.execute(execution);

		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.FLAGS).lines()).containsExactly(
				"Created 3 hour(s) ago: an on-premises connector no administrator remembers creating is Microsoft's "
						+ "first sign of compromise.",
				"No sender IP addresses and no TLS certificate: it does not say which servers may relay.",
				"No IP or certificate restriction: mail for its sender domains is accepted from anywhere.",
				"Accepts any sender domain (*): it can relay mail for domains this tenant does not own.");
		assertThat(execution.getVariable(CaseVariables.CONNECTOR_NAME)).isEqualTo(NAME);
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.CONFIGURATION))
			.startsWith("'" + NAME + "': OnPremises, enabled.\nSender IP addresses: none. Sender domains: *.");
	}

	@Test
	void aLockedDownConnectorUnchangedForMonthsRaisesNoFlag() {
		Instant now = Instant.now();
		given(this.exchange.getInboundConnector(CONNECTOR))
			.willReturn(connector("OnPremises", List.of("203.0.113.0/24"), List.of("contoso.com"), null, true,
					now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(100))));
		givenChanges(List.of());
		DelegateExecution execution = connectorCase(Map.of());
		this.delegate.execute(execution);
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.FLAGS))
			.isEqualTo("None of Microsoft's signs of a compromised connector in its configuration.");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.CHANGES))
			.isEqualTo("No connector was created, changed or removed in the last 30 days according to the audit log "
					+ "(is auditing on?).");
	}

	@Test
	void theNewestAdministratorWhoChangedThisConnectorIsOfferedForInvestigation() {
		Instant now = Instant.now();
		given(this.exchange.getInboundConnector(CONNECTOR)).willReturn(connector("OnPremises",
				List.of("203.0.113.0/24"), List.of("contoso.com"), null, true, now.minus(Duration.ofDays(400)), now));
		givenChanges(List.of(
				// An app's change names no mailbox to investigate; another connector's change is not this one's.
				new ConnectorChange(now.minusSeconds(60), "Exchange Online Application", "Set-InboundConnector", NAME),
				new ConnectorChange(now.minusSeconds(120), "ops@contoso.onmicrosoft.com", "Set-InboundConnector",
						"Partner mail"),
				new ConnectorChange(now.minusSeconds(180), "It-Admin@Contoso.onmicrosoft.com", "Set-InboundConnector",
						NAME)));
		DelegateExecution execution = connectorCase(Map.of());
		this.delegate.execute(execution);

		assertThat(execution.getVariable(CaseVariables.ADMIN_ACCOUNT)).isEqualTo("it-admin@contoso.onmicrosoft.com");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.CHANGES)).contains("by Exchange Online Application")
			.contains("Set-InboundConnector by It-Admin@Contoso.onmicrosoft.com on '" + NAME + "'")
			.doesNotContain("Partner mail");

		// An account the reviewer already named is theirs to change, not the evidence's.
		DelegateExecution named = connectorCase(Map.of(CaseVariables.ADMIN_ACCOUNT, "someone@contoso.onmicrosoft.com"));
		this.delegate.execute(named);
		assertThat(named.getVariable(CaseVariables.ADMIN_ACCOUNT)).isEqualTo("someone@contoso.onmicrosoft.com");
	}

	@Test
	void theAdminAccountsSignInsAreOnTheConnectorsFormWithThePlaceSeenOnce() {
		Instant now = Instant.now();
		given(this.exchange.getInboundConnector(CONNECTOR)).willReturn(connector("OnPremises", List.of(),
				List.of("*"), null, false, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2))));
		givenChanges(List.of(new ConnectorChange(now.minus(Duration.ofDays(2)), "isaiah@contoso.onmicrosoft.com",
				"Set-InboundConnector", NAME)));
		given(this.graph.getUser("isaiah@contoso.onmicrosoft.com"))
			.willReturn(new GraphUser("isaiah-id", "isaiah@contoso.onmicrosoft.com", "Isaiah", null, true, false));
		given(this.graph.listSignIns(eq("isaiah-id"), any(Instant.class))).willReturn(List.of(
				new SignIn("1", now, "Office", "Browser", "131.107.2.5", "US", "Redmond", 0, null, "none"),
				new SignIn("2", now, "Office", "Browser", "131.107.2.5", "US", "Redmond", 0, null, "none"),
				new SignIn("3", now.minus(Duration.ofDays(2)), "Exchange", "Exchange Online PowerShell",
						"185.220.101.4", "NL", "Amsterdam", 0, null, "none")));
		DelegateExecution execution = connectorCase(Map.of());
		this.delegate.execute(execution);

		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.ADMIN_SIGN_INS)).isEqualTo(
				"isaiah@contoso.onmicrosoft.com: 3 sign-ins in the last 7 days from Amsterdam, NL: 1; Redmond, US: 2; "
						+ "0 failed; clients: Browser, Exchange Online PowerShell. Seen once: Amsterdam, NL, worth "
						+ "asking the admin about.");
	}

	@Test
	void aRefusedAuditLogAndAMissingConnectorAreNotedAndTheStepGoesOn() {
		given(this.exchange.getInboundConnector(CONNECTOR))
			.willThrow(TenantFailures.notFound(TenantApi.EXCHANGE, "Get-InboundConnector"));
		given(this.exchange.searchConnectorChanges(any(Instant.class), any(Instant.class), eq(100)))
			.willThrow(TenantFailures.forbidden(TenantApi.EXCHANGE, "Search-UnifiedAuditLog"));
		// The name the blocked list gave stays when the configuration cannot be read.
		DelegateExecution execution = connectorCase(Map.of(CaseVariables.CONNECTOR_NAME, NAME));
		this.delegate.execute(execution);

		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.CONFIGURATION))
			.startsWith("Unavailable: not found: Exchange Online Get-InboundConnector failed");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.CHANGES))
			.startsWith("Unavailable: Exchange Online Search-UnifiedAuditLog failed: HTTP 403");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.FLAGS))
			.startsWith("The connector's configuration could not be read");
		assertThat(execution.getVariable(CaseVariables.CONNECTOR_NAME)).isEqualTo(NAME);
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.HISTORY)).isEqualTo("First case for " + NAME + ".");
	}

	@Test
	void theDocumentStaysWithinItsBoundByCuttingTheChangeList() {
		Instant now = Instant.now();
		List<ConnectorChange> changes = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			changes.add(new ConnectorChange(now.minusSeconds(i), "admin" + i + "@contoso.onmicrosoft.com",
					"Set-InboundConnector", NAME + " " + "n".repeat(150)));
		}
		// The changes name the connector at length, so they are this connector's only if it has that name.
		given(this.exchange.getInboundConnector(CONNECTOR)).willReturn(connector("OnPremises",
				List.of("203.0.113.0/24"), List.of("contoso.com"), null, true, now.minus(Duration.ofDays(400)), now,
				NAME + " " + "n".repeat(150)));
		givenChanges(changes);
		int max = 8000;
		DelegateExecution execution = connectorCase(Map.of());
		new GatherConnectorEvidenceDelegate(TestTenants.of(this.graph, this.exchange), EvidenceFakes.properties(max),
				EvidenceFakes.JSON)
			.execute(execution);

		JsonNode evidence = EvidenceFakes.evidence(execution);
		assertThat(EvidenceFakes.size(execution)).isLessThanOrEqualTo(max);
		assertThat(evidence.path("truncated").asBoolean()).isTrue();
		assertThat(evidence.path("connectorChanges").size()).isBetween(1, 19);
		assertThat(evidence.path("connector").path("senderIpAddresses").get(0).asText()).isEqualTo("203.0.113.0/24");
	}

	private void givenChanges(List<ConnectorChange> changes) {
		given(this.exchange.searchConnectorChanges(any(Instant.class), any(Instant.class), eq(100)))
			.willReturn(changes);
	}

	private static InboundConnector connector(String type, List<String> ips, List<String> domains, String certificate,
			boolean restrictToIps, Instant created, Instant changed) {
		return connector(type, ips, domains, certificate, restrictToIps, created, changed, NAME);
	}

	private static InboundConnector connector(String type, List<String> ips, List<String> domains, String certificate,
			boolean restrictToIps, Instant created, Instant changed, String name) {
		return new InboundConnector(name, CONNECTOR, type, true, ips, domains, certificate, false, restrictToIps,
				false, created, changed, null);
	}

	private static DelegateExecution connectorCase(Map<String, Object> extra) {
		Map<String, Object> variables = new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "connector",
				CaseVariables.ENTITY_ID, CONNECTOR, CaseVariables.DRY_RUN, false, CaseVariables.RESTRICTION_REASON,
				"Connector sent spam"));
		variables.putAll(extra);
		return EvidenceFakes.withHistory(CaseVariablesFake.execution(variables), "connector:" + CONNECTOR, 0, 0);
	}

}
