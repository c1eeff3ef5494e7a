package org.soc.runbook.detection;

import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantClients;
import org.soc.runbook.tenant.TenantsProperties;
import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseStarter.OpenedCase;
import org.soc.runbook.cases.DefenderAlert;
import org.soc.runbook.escalation.Notifications;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.cases.KeptDecisions;
import org.soc.runbook.cases.KeptDecisions.KeptDecision;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.exchange.InboundConnector;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.SecurityAlert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The poller's run: one case per entity on the blocked lists, counted as started, already open or skipped (an address
 * that is none, a connector without GUID); a tenant failure recorded and the run ended without opening anything; and,
 * when enabled, Defender's alerts as a second signal, an alert a closed case already handled opening nothing; and a
 * decision to keep an entity restricted that stands until Microsoft restricts it again or the re-review period ends.
 */
class PollRestrictionsDelegateTests {

	private static final String ADELE = "adele@contoso.onmicrosoft.com";

	private static final String MEGAN = "megan@contoso.onmicrosoft.com";

	private static final UUID RELAY = UUID.fromString("0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final CaseStarter starter = mock(CaseStarter.class);

	private final GraphClient graph = mock(GraphClient.class);

	private final KeptDecisions decisions = mock(KeptDecisions.class);

	private final Notifications notifications = mock(Notifications.class);

	@Test
	void aDecisionToKeepItRestrictedStandsWhileMicrosoftKeepsTheSameRestriction() {
		Instant decided = Instant.now().minus(Duration.ofHours(2));
		given(this.exchange.getBlockedSenderAddresses()).willReturn(
				List.of(new BlockedSender(MEGAN, "EmailSendingLimitExceeded", decided.minus(Duration.ofDays(1)),
						null, false)));
		given(this.decisions.standing(List.of("mailbox:" + MEGAN)))
			.willReturn(Map.of("mailbox:" + MEGAN, kept("mailbox:" + MEGAN, decided)));
		DelegateExecution execution = run();

		poller(false).execute(execution);
		poller(false).execute(execution);

		verify(this.starter, never()).openMailboxCase(eq(TestTenants.SINGLE), anyString(), anyString(), anyString());
		verify(this.decisions, times(2)).noteStands(eq(kept("mailbox:" + MEGAN, decided)), any());
		assertThat(execution.getVariable(PollRestrictionsDelegate.KEPT_RESTRICTED)).isEqualTo(1);
		assertThat(execution.getVariable(PollRestrictionsDelegate.CASES_STARTED)).isEqualTo(0);
	}

	@Test
	void aDecisionOfTheSingleTenantDaysStillStandsForItsCustomerOnceTheDeploymentServesMany() {
		Instant decided = Instant.now().minus(Duration.ofHours(2));
		given(this.exchange.getBlockedSenderAddresses()).willReturn(
				List.of(new BlockedSender(MEGAN, "EmailSendingLimitExceeded", decided.minus(Duration.ofDays(1)),
						null, false)));
		// Decided when the deployment served Contoso alone: under the key without the tenant's prefix.
		given(this.decisions.standing(List.of("mailbox:" + MEGAN)))
			.willReturn(Map.of("mailbox:" + MEGAN, kept("mailbox:" + MEGAN, decided)));
		RunbookTenants many = new RunbookTenants(TestTenants.SINGLE.connection(),
				new TenantsProperties(Map.of("contoso", TestTenants.entry("contoso.onmicrosoft.com"), "fabrikam",
						TestTenants.entry("fabrikam.onmicrosoft.com"))),
				(tenant) -> TenantClients.of(tenant, this.graph, this.exchange));
		DelegateExecution execution = run();
		execution.setVariable(PollRestrictionsDelegate.POLLED_TENANT, "contoso");

		new PollRestrictionsDelegate(many, this.starter,
				new DetectionProperties("R/PT5M", null, 8192, false, Duration.ofHours(1), Duration.ofDays(7)),
				this.decisions, this.notifications).execute(execution);

		verify(this.decisions).standing(List.of("contoso/mailbox:" + MEGAN));
		verify(this.starter, never()).openMailboxCase(any(), anyString(), anyString(), anyString());
		verify(this.decisions).noteStands(eq(kept("mailbox:" + MEGAN, decided)), any());
		assertThat(execution.getVariable(PollRestrictionsDelegate.KEPT_RESTRICTED)).isEqualTo(1);
	}

	@Test
	void entitiesWhoseCasesRunAreCountedWithoutAClaimOrADecisionLookUpEach() {
		given(this.exchange.getBlockedSenderAddresses()).willReturn(List.of(
				new BlockedSender(ADELE, "EmailSendingLimitExceeded", Instant.now(), null, false),
				new BlockedSender(MEGAN.toUpperCase(), "EmailSendingLimitExceeded", Instant.now(), null, false)));
		given(this.exchange.getBlockedConnectors())
			.willReturn(List.of(new BlockedConnector(RELAY, "Relay", "spam", Instant.now(), null)));
		given(this.starter.entitiesWithARunningCase())
			.willReturn(Set.of("mailbox:" + MEGAN, "connector:" + RELAY));
		given(this.starter.openMailboxCase(eq(TestTenants.SINGLE), eq(ADELE), anyString(), eq(ProcessKeys.DETECTION)))
			.willReturn(opened(ADELE, true));
		DelegateExecution execution = run();

		poller(false).execute(execution);

		verify(this.starter).openMailboxCase(eq(TestTenants.SINGLE), eq(ADELE), anyString(), eq(ProcessKeys.DETECTION));
		verify(this.starter, never()).openMailboxCase(eq(TestTenants.SINGLE), eq(MEGAN), anyString(), anyString());
		verify(this.starter, never()).openConnectorCase(eq(TestTenants.SINGLE), anyString(), anyString(), anyString());
		verify(this.decisions).standing(List.of("mailbox:" + ADELE));
		assertThat(execution.getVariable(PollRestrictionsDelegate.ALREADY_OPEN)).isEqualTo(2);
		assertThat(execution.getVariable(PollRestrictionsDelegate.CASES_STARTED)).isEqualTo(1);
	}

	@Test
	void anEntityRestrictedAgainAfterTheDecisionGetsACaseThatSaysWhy() {
		Instant decided = Instant.now().minus(Duration.ofDays(2));
		Instant again = decided.plus(Duration.ofDays(1));
		given(this.exchange.getBlockedSenderAddresses())
			.willReturn(List.of(new BlockedSender(MEGAN, "EmailSendingLimitExceeded", again, null, false)));
		given(this.decisions.standing(List.of("mailbox:" + MEGAN)))
			.willReturn(Map.of("mailbox:" + MEGAN, kept("mailbox:" + MEGAN, decided)));
		given(this.starter.openMailboxCase(eq(TestTenants.SINGLE), eq(MEGAN), anyString(), eq(ProcessKeys.DETECTION)))
			.willReturn(opened(MEGAN, true));

		poller(false).execute(run());

		verify(this.starter).openMailboxCase(TestTenants.SINGLE, MEGAN, "poller: restricted again since " + again
				+ ", after it was kept restricted on " + decided, ProcessKeys.DETECTION);
	}

	@Test
	void aDecisionOlderThanTheReReviewPeriodIsLookedAtAgain() {
		Instant decided = Instant.now().minus(Duration.ofDays(8));
		given(this.exchange.getBlockedConnectors())
			.willReturn(List.of(new BlockedConnector(RELAY, "Relay", "spam", decided.minus(Duration.ofDays(1)), null)));
		KeptDecision decision = kept("connector:" + RELAY, decided);
		given(this.decisions.standing(List.of("connector:" + RELAY))).willReturn(Map.of("connector:" + RELAY, decision));
		given(this.starter.openReReview(eq(TestTenants.SINGLE), eq(EntityType.CONNECTOR), eq(RELAY.toString()), eq(decision), anyString(),
				eq(ProcessKeys.DETECTION)))
			.willReturn(new OpenedCase("pi-c", "connector:" + RELAY, true));

		poller(false).execute(run());

		verify(this.starter).openReReview(TestTenants.SINGLE, EntityType.CONNECTOR, RELAY.toString(), decision,
				"poller: re-review of the decision of " + decided + " to keep it restricted", ProcessKeys.DETECTION);
		verify(this.starter, never()).openConnectorCase(eq(TestTenants.SINGLE), anyString(), anyString(), anyString());
		verify(this.decisions, never()).noteStands(any(), any());
	}

	@Test
	void eachListedEntityGetsOneCaseAndEveryOutcomeIsCounted() {
		given(this.exchange.getBlockedSenderAddresses())
			.willReturn(List.of(sender(ADELE), sender(MEGAN), sender("not an address")));
		given(this.exchange.getBlockedConnectors()).willReturn(List.of(
				new BlockedConnector(RELAY, "Relay", "spam", null, null),
				new BlockedConnector(null, "Unreadable", "spam", null, null)));
		given(this.starter.openMailboxCase(TestTenants.SINGLE, ADELE, "poller", ProcessKeys.DETECTION)).willReturn(opened(ADELE, true));
		given(this.starter.openMailboxCase(TestTenants.SINGLE, MEGAN, "poller", ProcessKeys.DETECTION)).willReturn(opened(MEGAN, false));
		given(this.starter.openMailboxCase(TestTenants.SINGLE, "not an address", "poller", ProcessKeys.DETECTION))
			.willThrow(new IllegalArgumentException("address is not an e-mail address (expected name@domain.tld)"));
		given(this.starter.openConnectorCase(TestTenants.SINGLE, RELAY.toString(), "poller", ProcessKeys.DETECTION))
			.willReturn(new OpenedCase("pi-c", "connector:" + RELAY, true));
		DelegateExecution execution = run();
		poller(false).execute(execution);

		assertThat(CaseVariablesFake.variables(execution)).containsOnly(
				Map.entry(PollRestrictionsDelegate.SENDERS_SEEN, 3),
				Map.entry(PollRestrictionsDelegate.CONNECTORS_SEEN, 2),
				Map.entry(PollRestrictionsDelegate.CASES_STARTED, 2),
				Map.entry(PollRestrictionsDelegate.ALREADY_OPEN, 1), Map.entry(PollRestrictionsDelegate.SKIPPED, 2),
				Map.entry(PollRestrictionsDelegate.KEPT_RESTRICTED, 0));
		// Alerts are off: Graph is not asked.
		verifyNoInteractions(this.graph);
	}

	@Test
	void aTenantFailureIsRecordedAndNothingIsOpened() {
		// The next run is the retry: a bad hour at Microsoft must not pile up incidents.
		given(this.exchange.getBlockedSenderAddresses()).willReturn(List.of(sender(ADELE)));
		given(this.exchange.getBlockedConnectors())
			.willThrow(TenantFailures.unavailable(TenantApi.EXCHANGE, "Get-BlockedConnector"));
		DelegateExecution execution = run();
		poller(true).execute(execution);

		assertThat(CaseVariablesFake.variables(execution)).containsOnly(Map.entry(PollRestrictionsDelegate.POLL_ERROR,
				"Exchange Online Get-BlockedConnector failed: HTTP 503: Service Unavailable"));
		verifyNoInteractions(this.starter, this.graph);
	}

	@Test
	void aReadHeldBackByTheRunbooksOwnFlowControlIsNoFailureButMicrosoftsThrottlingIs() {
		given(this.exchange.getBlockedSenderAddresses())
			.willThrow(TenantFailures.yielded(TenantApi.EXCHANGE, "Get-BlockedSenderAddress", Duration.ofSeconds(1)));
		DelegateExecution heldBack = run();
		poller(false).execute(heldBack);
		assertThat(heldBack.getVariable(PollRestrictionsDelegate.POLL_ERROR)).as("read at the next poll").isNull();

		willThrow(TenantFailures.throttled(TenantApi.EXCHANGE, "Get-BlockedSenderAddress", Duration.ofMinutes(2)))
			.given(this.exchange)
			.getBlockedSenderAddresses();
		DelegateExecution throttled = run();
		poller(false).execute(throttled);
		assertThat((String) throttled.getVariable(PollRestrictionsDelegate.POLL_ERROR)).contains("HTTP 429");
		verifyNoInteractions(this.starter);
	}

	@Test
	void alertsOpenCasesForTheirMailboxesUnlessACaseClosedSinceHandledThem() {
		given(this.exchange.getBlockedSenderAddresses()).willReturn(List.of());
		given(this.exchange.getBlockedConnectors()).willReturn(List.of());
		Instant raised = Instant.now().minus(Duration.ofMinutes(40));
		given(this.graph.listAlerts(any(Instant.class), eq(PollRestrictionsDelegate.ALERT_TITLES)))
			.willReturn(List.of(new SecurityAlert("alert-1", "User restricted from sending email", "high", "new",
					"microsoftDefenderForOffice365", raised, List.of(ADELE, MEGAN, "not an address"),
					SecurityAlert.ConnectorHints.none(), "incident-7",
					"https://security.microsoft.com/alerts/alert-1", "https://security.microsoft.com/incidents/7")));
		DefenderAlert alert1 = new DefenderAlert("alert-1", "https://security.microsoft.com/alerts/alert-1",
				"incident-7", "https://security.microsoft.com/incidents/7");
		given(this.starter.openFromAlert(TestTenants.SINGLE, EntityType.MAILBOX, ADELE, alert1, ProcessKeys.DETECTION))
			.willReturn(opened(ADELE, true));
		DelegateExecution execution = run();
		HistoryService history = history(execution);
		// Megan's case closed after the alert was raised: that case handled it.
		given(history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
			.processInstanceBusinessKey("mailbox:" + MEGAN)
			.finished()
			.finishedAfter(Date.from(raised))
			.count()).willReturn(1L);
		poller(true).execute(execution);

		// The case keeps the alert and its incident, with the portal's links.
		verify(this.starter).openFromAlert(TestTenants.SINGLE, EntityType.MAILBOX, ADELE, alert1, ProcessKeys.DETECTION);
		verify(this.starter, never()).openFromAlert(eq(TestTenants.SINGLE), eq(EntityType.MAILBOX), eq(MEGAN), any(), anyString());
		assertThat(execution.getVariable(PollRestrictionsDelegate.ALERTS_SEEN)).isEqualTo(1);
		assertThat(execution.getVariable(PollRestrictionsDelegate.ALERT_CASES_STARTED)).isEqualTo(1);
		ArgumentCaptor<Instant> since = ArgumentCaptor.forClass(Instant.class);
		verify(this.graph).listAlerts(since.capture(), any());
		assertThat(since.getValue()).as("the look-back")
			.isCloseTo(Instant.now().minus(Duration.ofHours(1)), within(Duration.ofMinutes(1)));
	}

	@Test
	void anAlertAboutAMailboxWithAnOpenCaseJoinsItAndSaysSoOnTheAlertOnce() {
		given(this.exchange.getBlockedSenderAddresses()).willReturn(List.of());
		given(this.exchange.getBlockedConnectors()).willReturn(List.of());
		given(this.graph.listAlerts(any(Instant.class), eq(PollRestrictionsDelegate.ALERT_TITLES)))
			.willReturn(List.of(new SecurityAlert("alert-2", "User restricted from sending email", "high", "new",
					"microsoftDefenderForOffice365", Instant.now().minusSeconds(60), List.of(ADELE),
					SecurityAlert.ConnectorHints.none(), null, null, null)));
		DefenderAlert alert2 = new DefenderAlert("alert-2", null, null, null);
		CaseStarter.OpenedCase open = opened(ADELE, false);
		given(this.starter.openFromAlert(TestTenants.SINGLE, EntityType.MAILBOX, ADELE, alert2, ProcessKeys.DETECTION)).willReturn(open);
		given(this.starter.joinAlert(open, alert2)).willReturn(true, false);

		poller(true).execute(run());
		poller(true).execute(run());

		verify(this.notifications).alertJoinedOpenCase(open.businessKey(), "alert-2", EntityType.MAILBOX);
	}

	@Test
	void aConnectorAlertOpensACaseForTheConnectorItsDomainAndAddressName() {
		given(this.exchange.getBlockedSenderAddresses()).willReturn(List.of());
		given(this.exchange.getBlockedConnectors()).willReturn(List.of());
		InboundConnector partner = new InboundConnector("Fabrikam partner", RELAY.toString(), "Partner", true,
				List.of("203.0.113.0/28"), List.of("fabrikam.example"), null, true, true, false, null, null, null);
		given(this.exchange.listInboundConnectors()).willReturn(List.of(partner));
		given(this.graph.listAlerts(any(Instant.class), eq(PollRestrictionsDelegate.ALERT_TITLES))).willReturn(List.of(
				new SecurityAlert("alert-c", "Suspicious connector activity", "high", "new",
						"microsoftDefenderForOffice365", Instant.now(), List.of(),
						new SecurityAlert.ConnectorHints(List.of("203.0.113.9"), List.of("fabrikam.example"), List.of(),
								""), null, null, null),
				new SecurityAlert("alert-x", "Suspicious connector activity", "high", "new",
						"microsoftDefenderForOffice365", Instant.now(), List.of(),
						new SecurityAlert.ConnectorHints(List.of("198.18.0.1"), List.of(), List.of(), ""), null, null,
						null)));
		DefenderAlert alertC = new DefenderAlert("alert-c", null, null, null);
		given(this.starter.openFromAlert(TestTenants.SINGLE, EntityType.CONNECTOR, RELAY.toString(), alertC, ProcessKeys.DETECTION))
			.willReturn(new OpenedCase("pi-c", "connector:" + RELAY, true));
		DelegateExecution execution = run();

		poller(true).execute(execution);

		verify(this.starter).openFromAlert(TestTenants.SINGLE, EntityType.CONNECTOR, RELAY.toString(), alertC, ProcessKeys.DETECTION);
		verify(this.starter, never()).openFromAlert(eq(TestTenants.SINGLE), eq(EntityType.MAILBOX), anyString(), any(), anyString());
		verify(this.exchange, times(1)).listInboundConnectors();
		assertThat(execution.getVariable(PollRestrictionsDelegate.ALERT_CASES_STARTED)).isEqualTo(1);
	}

	@Test
	void aRefusedAlertReadIsRecordedAndTheBlockedListStillCounts() {
		given(this.exchange.getBlockedSenderAddresses()).willReturn(List.of(sender(ADELE)));
		given(this.exchange.getBlockedConnectors()).willReturn(List.of());
		given(this.starter.openMailboxCase(TestTenants.SINGLE, ADELE, "poller", ProcessKeys.DETECTION)).willReturn(opened(ADELE, true));
		given(this.graph.listAlerts(any(Instant.class), any()))
			.willThrow(TenantFailures.forbidden(TenantApi.GRAPH, "listAlerts"));
		DelegateExecution execution = run();
		poller(true).execute(execution);
		assertThat((String) execution.getVariable(PollRestrictionsDelegate.ALERTS_ERROR))
			.startsWith("Graph listAlerts failed: HTTP 403");
		assertThat(execution.getVariable(PollRestrictionsDelegate.CASES_STARTED)).isEqualTo(1);
		assertThat(execution.getVariable(PollRestrictionsDelegate.ALERTS_SEEN)).isNull();
	}

	private PollRestrictionsDelegate poller(boolean alerts) {
		return new PollRestrictionsDelegate(TestTenants.single(this.graph, this.exchange), this.starter,
				new DetectionProperties("R/PT5M", null, 8192, alerts, Duration.ofHours(1), Duration.ofDays(7)),
				this.decisions, this.notifications);
	}

	private static DelegateExecution run() {
		DelegateExecution execution = CaseVariablesFake.execution(new HashMap<>());
		history(execution);
		return execution;
	}

	/** The history service the alert path asks whether a closed case already handled an alert. */
	private static HistoryService history(DelegateExecution execution) {
		if (execution.getProcessEngineServices() != null) {
			return execution.getProcessEngineServices().getHistoryService();
		}
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		HistoryService history = mock(HistoryService.class, RETURNS_DEEP_STUBS);
		given(execution.getProcessEngineServices()).willReturn(services);
		given(services.getHistoryService()).willReturn(history);
		return history;
	}

	private static BlockedSender sender(String address) {
		return new BlockedSender(address, "EmailSendingLimitExceeded", null, null, false);
	}

	private static OpenedCase opened(String address, boolean started) {
		return new OpenedCase("pi-" + address, "mailbox:" + address, started);
	}

	private static KeptDecision kept(String businessKey, Instant decidedAt) {
		return new KeptDecision("pi-kept", businessKey, decidedAt, "analyst", "Still sending spam");
	}

}
