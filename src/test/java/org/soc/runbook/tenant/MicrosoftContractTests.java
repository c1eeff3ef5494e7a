package org.soc.runbook.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.exchange.InboxRule;
import org.soc.runbook.tenant.exchange.MailboxForwarding;
import org.soc.runbook.tenant.exchange.UnblockLimitReachedException;
import org.soc.runbook.tenant.graph.AuthenticationMethod;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;
import org.soc.runbook.tenant.graph.MailboxEvidenceReads;
import org.soc.runbook.tenant.graph.MessageRule;
import org.soc.runbook.tenant.graph.SecurityAlert;
import org.soc.runbook.tenant.graph.SignIn;
import org.soc.runbook.tenant.graph.TemporaryAccessPass;
import org.soc.runbook.tenant.graph.UserContact;

import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clients against Microsoft's own documented shapes, not against our simulator: each fixture in
 * {@code src/test/resources/contracts/} names the page it comes from, the request the client must send (method,
 * path, query, headers, form or JSON body; lists as JSON arrays; {@code "*"} for a value that changes) and the answer
 * Microsoft documents for it. A local HTTP server plays Microsoft with that answer and records what the client sent;
 * the token comes the same way, through MSAL. No network.
 */
class MicrosoftContractTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<Recorded> received = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Answer>> answers = new HashMap<>();

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private GraphClient graph;

	private ExchangeOnlineClient exchange;

	/** The lane of the calls the test makes: none, as outside a job, unless a test says otherwise. */
	private OptionalLong lane = OptionalLong.empty();

	@BeforeEach
	void microsoft() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
		URI base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		TenantEndpoints endpoints = new TenantEndpoints.Configured(base, base, base,
				MicrosoftCloud.GLOBAL.graph());
		TenantProperties properties = new TenantProperties("contoso.onmicrosoft.com",
				"6731de76-14a6-49ae-97bc-6eba6914391e", "Contract~Secret", null, null, null, null, null,
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ofMillis(10), 1000,
				DataSize.ofMegabytes(1), 10, MicrosoftCloud.GLOBAL, null, null, null);
		RestClient rest = TenantConfiguration.restClient(RestClient.builder(), properties);
		AccessTokenProvider tokens = new AccessTokenProvider(properties, TenantCredential.of(properties),
				new MsalHttpClient(rest, endpoints, properties, TenantCallMetrics.none(), JSON));
		TenantHttp http = new TenantHttp(rest, tokens, properties, this.waits::add, new TenantReachability(),
				TenantCallMetrics.none(), JSON, new CallLanes(() -> this.lane));
		this.graph = new GraphClient(http, endpoints, JSON);
		this.exchange = new ExchangeOnlineClient(http, endpoints, properties, JSON);
		expect("token-client-credentials.json");
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void theTokenIsAskedForAsTheIdentityPlatformDocumentsIt() {
		expect("graph-get-user.json");
		this.graph.getUser("adele.vance@contoso.com");
		assertSent("token-client-credentials.json");
	}

	@Test
	void aUserIsReadWithTheSelectedPropertiesAndBoundFromGraphsShape() {
		expect("graph-get-user.json");
		GraphUser user = this.graph.getUser("adele.vance@contoso.com");
		assertSent("graph-get-user.json");
		assertThat(user.id()).isEqualTo("87d349ed-44d7-43e1-9a83-5f2406dee5bd");
		assertThat(user.displayName()).isEqualTo("Adele Vance");
		assertThat(user.accountEnabled()).isTrue();
		assertThat(user.onPremisesSyncEnabled()).as("null means a cloud user").isFalse();
	}

	@Test
	void graphCallsAskForGraphsThrottlePriorityByTheirJobsLane() {
		expect("graph-reset-password.json");
		this.lane = OptionalLong.of(200);
		this.graph.resetPassword("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "Pa55word!" + Instant.now().getNano());
		assertThat(lastSent().headers()).as("containment").containsEntry("x-ms-throttle-priority", "high");

		expect("graph-get-user.json");
		this.lane = OptionalLong.of(100);
		this.graph.getUser("adele.vance@contoso.com");
		assertThat(lastSent().headers()).as("evidence").containsEntry("x-ms-throttle-priority", "normal");

		expect("graph-get-user.json");
		this.lane = OptionalLong.of(0);
		this.graph.getUser("adele.vance@contoso.com");
		assertThat(lastSent().headers()).as("everything else").containsEntry("x-ms-throttle-priority", "low");

		expect("graph-get-user.json");
		this.lane = OptionalLong.empty();
		this.graph.getUser("adele.vance@contoso.com");
		assertThat(lastSent().headers()).as("a person's request: Graph's default").doesNotContainKey(
				"x-ms-throttle-priority");

		expect("exo-get-mailbox.json");
		this.lane = OptionalLong.of(200);
		this.exchange.getMailboxForwarding("adele.vance@contoso.com");
		assertThat(lastSent().headers()).as("Exchange documents no such header").doesNotContainKey(
				"x-ms-throttle-priority");
	}

	private Recorded lastSent() {
		return this.received.get(this.received.size() - 1);
	}

	@Test
	void thePasswordResetIsAPatchOfThePasswordProfileAndItsRefusalIsTyped() {
		expect("graph-reset-password.json");
		this.graph.resetPassword("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "Pa55word!" + Instant.now().getNano());
		assertSent("graph-reset-password.json");

		expect("graph-error-forbidden.json");
		assertThatThrownBy(() -> this.graph.resetPassword("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "An0ther!pass"))
			.isInstanceOfSatisfying(TenantForbiddenException.class, (ex) -> {
				assertThat(ex.errorCode()).isEqualTo("Authorization_RequestDenied");
				assertThat(ex.getMessage()).contains("Insufficient privileges").doesNotContain("An0ther!pass");
			});
	}

	@Test
	void aGroupMemberIsAddedByAReferenceOnGraphsOwnHost() {
		// The transport goes to a local host here (a proxy or the simulator elsewhere); the reference names Graph.
		expect("graph-add-group-member.json");
		this.graph.addGroupMember("5b0c7a4e-2f1d-4e8a-9c3b-6d7e8f901a2b", "87d349ed-44d7-43e1-9a83-5f2406dee5bd");
		assertSent("graph-add-group-member.json");
	}

	@Test
	void authenticationMethodsAreReadWithTheNumbersOnFile() {
		expect("graph-list-auth-methods.json");
		assertThat(this.graph.listAuthenticationMethods("87d349ed-44d7-43e1-9a83-5f2406dee5bd"))
			.extracting((method) -> method.type() + "=" + method.contact())
			.containsExactly("passwordAuthenticationMethod=null", "phoneAuthenticationMethod=+1 4255550199",
					"microsoftAuthenticatorAuthenticationMethod=null");
		assertSent("graph-list-auth-methods.json");
	}

	@Test
	void aCasesOutcomeIsReportedOnItsAlertAsACommentAndAStatus() {
		expect("graph-alert-comment.json");
		expect("graph-alert-update.json");
		this.graph.commentOnAlert("da637551227677560813_-961444813", "Restricted Entity Runbook: released.");
		this.graph.updateAlert("da637551227677560813_-961444813", "resolved", "truePositive", null);
		assertSent("graph-alert-comment.json");
		assertSent("graph-alert-update.json");
	}

	@Test
	void aTemporaryAccessPassIsAskedForOnceAndShortAndTheAnswerCarriesIt() {
		expect("graph-create-tap.json");
		TemporaryAccessPass pass = this.graph.createTemporaryAccessPass("87d349ed-44d7-43e1-9a83-5f2406dee5bd", 60,
				true)
			.orElseThrow();
		assertSent("graph-create-tap.json");
		assertThat(pass.pass()).isEqualTo("TAPRq%#4");
		assertThat(pass.lifetimeInMinutes()).isEqualTo(60);
		assertThat(pass.usableOnce()).isTrue();
		assertThat(pass.toString()).doesNotContain("TAPRq%#4");
	}

	@Test
	void sessionsAreRevokedWithAnEmptyPost() {
		expect("graph-revoke-sessions.json");
		this.graph.revokeSignInSessions("87d349ed-44d7-43e1-9a83-5f2406dee5bd");
		assertSent("graph-revoke-sessions.json");
	}

	@Test
	void alertsAreFilteredOnlyOnDocumentedFieldsAndReadWithTheirMailboxesAndLinks() {
		expect("graph-list-alerts-v2.json");
		List<SecurityAlert> alerts = this.graph.listAlerts(Instant.parse("2026-12-07T09:00:00Z"),
				List.of("User restricted from sending email"));
		assertSent("graph-list-alerts-v2.json");
		assertThat(alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.mailboxes()).containsExactly("adele.vance@contoso.com");
			assertThat(alert.incidentId()).isEqualTo("28282");
			assertThat(alert.alertWebUrl()).startsWith("https://security.microsoft.com/alerts/");
		});
	}

	@Test
	void aCmdletGoesToInvokeCommandWithTheAnchorMailboxAndItsRowsAreRead() {
		expect("exo-get-blocked-senders.json");
		List<BlockedSender> blocked = this.exchange.getBlockedSenderAddresses();
		assertSent("exo-get-blocked-senders.json");
		assertThat(blocked).singleElement().satisfies((sender) -> {
			assertThat(sender.senderAddress()).isEqualTo("adele.vance@contoso.com");
			assertThat(sender.reasonFields()).containsEntry("ExternalRecipientCountToday", "4873");
		});
	}

	@Test
	void aListParameterGoesAsAJsonArray() {
		expect("exo-search-audit-log.json");
		this.exchange.searchConnectorChanges(Instant.parse("2026-11-07T00:00:00Z"),
				Instant.parse("2026-12-07T00:00:00Z"), 50);
		assertSent("exo-search-audit-log.json");
	}

	@Test
	void exchangesNotFoundIsNotBlocked() {
		expect("exo-error-not-found.json");
		assertThat(this.exchange.getBlockedSenderAddress("free.user@contoso.com")).isEmpty();
	}

	@Test
	void aGroupIsNamedByItsDisplayName() {
		expect("graph-get-group.json");
		assertThat(this.graph.groupName("5b0c7a4e-2f1d-4e8a-9c3b-6d7e8f901a2b"))
			.contains("MFA required (Conditional Access)");
		assertSent("graph-get-group.json");
	}

	@Test
	void perUserMfaIsReadAndEnforcedThroughTheBetaRequirements() {
		expect("graph-get-mfa-requirements.json");
		expect("graph-set-mfa-requirements.json");
		assertThat(this.graph.getPerUserMfaState("87d349ed-44d7-43e1-9a83-5f2406dee5bd")).isEqualTo("disabled");
		this.graph.setPerUserMfaState("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "enforced");
		assertSent("graph-get-mfa-requirements.json");
		assertSent("graph-set-mfa-requirements.json");
	}

	@Test
	void theNumbersOnTheUsersProfileAreReadForTheCallBack() {
		expect("graph-get-user-contact.json");
		UserContact contact = this.graph.getUserContact("87d349ed-44d7-43e1-9a83-5f2406dee5bd");
		assertSent("graph-get-user-contact.json");
		assertThat(contact.numbers()).containsExactly("+1 412 555 0109");
	}

	@Test
	void inboxRulesAreReadWithTheirActionsAndRedirectToInEitherDocumentedShape() {
		expect("graph-list-message-rules.json");
		List<MessageRule> rules = this.graph.listInboxRules("87d349ed-44d7-43e1-9a83-5f2406dee5bd");
		assertSent("graph-list-message-rules.json");
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0)).satisfies((rule) -> {
			assertThat(rule.displayName()).isEqualTo(".");
			assertThat(rule.enabled()).isTrue();
			assertThat(rule.forwardTo()).containsExactly("payments@evil.example");
			assertThat(rule.moveToFolder()).startsWith("AAMkAGVm");
		});
		assertThat(rules.get(1)).satisfies((rule) -> {
			assertThat(rule.enabled()).isFalse();
			assertThat(rule.redirectTo()).as("one recipient, not a list").containsExactly("alexw@contoso.com");
		});
	}

	@Test
	void aRuleIsTurnedOffByAPatchNotDeleted() {
		expect("graph-disable-message-rule.json");
		this.graph.disableInboxRule("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "AQAAAJ5dZqA=");
		assertSent("graph-disable-message-rule.json");
	}

	@Test
	void signInsAreFilteredByUserAndTimeAndReadWithWhereAndHow() {
		expect("graph-list-sign-ins.json");
		List<SignIn> signIns = this.graph.listSignIns("87d349ed-44d7-43e1-9a83-5f2406dee5bd",
				Instant.parse("2026-11-30T09:00:00.250Z"));
		assertSent("graph-list-sign-ins.json");
		assertThat(signIns).singleElement().satisfies((signIn) -> {
			assertThat(signIn.createdDateTime()).isEqualTo(Instant.parse("2026-12-07T08:15:41.6195833Z"));
			assertThat(signIn.clientAppUsed()).isEqualTo("IMAP");
			assertThat(signIn.city()).isEqualTo("Lagos");
			assertThat(signIn.countryOrRegion()).isEqualTo("NG");
			assertThat(signIn.succeeded()).isTrue();
			assertThat(signIn.riskLevel()).isEqualTo("high");
		});
	}

	@Test
	void riskIsReadAndAUserNeverAtRiskHasNone() {
		expect("graph-get-risky-user.json");
		assertThat(this.graph.getRiskyUser("87d349ed-44d7-43e1-9a83-5f2406dee5bd")).hasValueSatisfying((risk) -> {
			assertThat(risk.riskLevel()).isEqualTo("high");
			assertThat(risk.riskState()).isEqualTo("atRisk");
			assertThat(risk.riskLastUpdatedDateTime()).isEqualTo(Instant.parse("2026-12-07T08:20:57.7872426Z"));
		});
		assertSent("graph-get-risky-user.json");

		expect("graph-error-not-found.json");
		assertThat(this.graph.getRiskyUser("87d349ed-44d7-43e1-9a83-5f2406dee5bd")).isEmpty();
	}

	@Test
	void aCompromiseIsConfirmedWithTheUserIdsAsAList() {
		expect("graph-confirm-compromised.json");
		this.graph.confirmCompromised("87d349ed-44d7-43e1-9a83-5f2406dee5bd");
		assertSent("graph-confirm-compromised.json");
	}

	@Test
	void theEvidenceIsOneBatchOfFourReadsAndEachAnswerStandsOnItsOwn() {
		expect("graph-batch-evidence.json");
		MailboxEvidenceReads reads = this.graph.readMailboxEvidence("87d349ed-44d7-43e1-9a83-5f2406dee5bd",
				Instant.parse("2026-11-30T09:00:00Z"));
		assertSent("graph-batch-evidence.json");
		assertThat(reads.inboxRules().get()).singleElement()
			.satisfies((rule) -> assertThat(rule.forwardTo()).containsExactly("payments@evil.example"));
		assertThatThrownBy(() -> reads.signIns().get()).as("no Entra ID P1: the sign-in log is refused, the rest is read")
			.isInstanceOfSatisfying(TenantForbiddenException.class, (ex) -> assertThat(ex.errorCode())
				.isEqualTo("Authentication_RequestFromNonPremiumTenantOrB2CTenant"));
		assertThat(reads.risk().get()).as("404: never at risk").isEmpty();
		assertThat(reads.methods().get()).extracting(AuthenticationMethod::type)
			.containsExactly("passwordAuthenticationMethod");
	}

	@Test
	void graphsThrottlingIsWaitedOutForAsLongAsRetryAfterSays() {
		expect("graph-error-throttled.json");
		expect("graph-get-user.json");
		assertThat(this.graph.getUser("adele.vance@contoso.com").displayName()).isEqualTo("Adele Vance");
		assertThat(this.waits).contains(Duration.ofSeconds(2));
	}

	@Test
	void exchangesThrottlingWithoutRetryAfterIsBackedOffAndRetried() {
		expect("exo-error-throttled.json");
		expect("exo-get-blocked-senders.json");
		assertThat(this.exchange.getBlockedSenderAddresses()).hasSize(1);
		assertThat(this.waits).isNotEmpty();
	}

	@Test
	void anAddressIsUnblockedWithItsReasonAndAnEmptyAnswerIsSuccess() {
		expect("exo-remove-blocked-sender.json");
		this.exchange.removeBlockedSenderAddress("adele.vance@contoso.com", "Contained; approved by Lee Gu");
		assertSent("exo-remove-blocked-sender.json");
	}

	@Test
	void theUnblockLimitIsToldApartFromOtherRefusals() {
		expect("exo-error-unblock-limit.json");
		assertThatThrownBy(() -> this.exchange.removeBlockedSenderAddress("adele.vance@contoso.com", "again"))
			.isInstanceOf(UnblockLimitReachedException.class)
			.hasMessageContaining("maximum number of unblocks");
	}

	@Test
	void blockedConnectorsAreReadUnderEitherPlausibleSetOfNames() {
		UUID relay = UUID.fromString("0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c");
		for (String fixture : List.of("exo-get-blocked-connectors.json", "exo-get-blocked-connectors-alt.json")) {
			expect(fixture);
			assertThat(this.exchange.getBlockedConnectors()).as(fixture).singleElement().satisfies((blocked) -> {
				assertThat(blocked.connectorId()).isEqualTo(relay);
				assertThat(blocked.connectorName()).isEqualTo("Contoso on-premises relay");
				assertThat(blocked.createdTime()).isEqualTo(Instant.parse("2026-12-07T09:40:00Z"));
				assertThat(blocked.expirationTime()).isEqualTo(Instant.parse("2026-12-08T09:40:00Z"));
			});
			assertSent(fixture);
		}
	}

	@Test
	void aConnectorIsUnblockedByItsIdAndAnAnswerWithoutAListIsSuccess() {
		expect("exo-remove-blocked-connector.json");
		this.exchange.removeBlockedConnector(UUID.fromString("0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c"),
				"Connector locked to the relay's IP");
		assertSent("exo-remove-blocked-connector.json");
	}

	@Test
	void whatExchangeAnsweredToAnUndocumentedCmdletIsLoggedOnceAsNamesWithoutValues() {
		Logger logger = (Logger) LoggerFactory.getLogger(ExchangeOnlineClient.class);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		Level level = logger.getLevel();
		logger.setLevel(Level.INFO);
		try {
			expect("exo-get-blocked-connectors-alt.json");
			expect("exo-remove-blocked-connector.json");
			this.exchange.getBlockedConnectors();
			this.exchange.getBlockedConnectors();
			this.exchange.removeBlockedConnector(UUID.fromString("0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c"), null);
		}
		finally {
			logger.detachAppender(log);
			logger.setLevel(level);
		}
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
			.filteredOn((line) -> line.startsWith("Exchange answered"))
			.containsExactly(
					"Exchange answered Get-BlockedConnector (output not documented by Microsoft; logged once): 1 row(s), "
							+ "the first with properties [Identity, Guid, Name, Reason, CreatedDatetime, "
							+ "ExpirationDatetime]",
					"Exchange answered Remove-BlockedConnector (output not documented by Microsoft; logged once): "
							+ "no value list");
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
			.noneMatch((line) -> line.contains("SuspiciousConnector"));
	}

	@Test
	void auditingAndTheAlertPoliciesAreReadForThePreflight() {
		expect("exo-get-admin-audit-log-config.json");
		expect("exo-get-protection-alert.json");
		assertThat(this.exchange.unifiedAuditLogEnabled()).contains(true);
		assertThat(this.exchange.getAlertPolicy("User restricted from sending email"))
			.hasValueSatisfying((policy) -> {
				assertThat(policy.disabled()).isFalse();
				assertThat(policy.notifyUser()).containsExactly("TenantAdmins");
			});
		assertSent("exo-get-admin-audit-log-config.json");
		assertSent("exo-get-protection-alert.json");
	}

	@Test
	void mailboxForwardingIsReadWithoutItsPrefixAndClearedWithJsonNulls() {
		expect("exo-get-mailbox.json");
		expect("exo-set-mailbox.json");
		MailboxForwarding forwarding = this.exchange.getMailboxForwarding("adele.vance@contoso.com");
		assertSent("exo-get-mailbox.json");
		assertThat(forwarding.forwardingSmtpAddress()).contains("payments@evil.example");
		assertThat(forwarding.deliverToMailboxAndForward()).isFalse();
		this.exchange.clearMailboxForwarding("adele.vance@contoso.com");
		assertSent("exo-set-mailbox.json");
	}

	@Test
	void hiddenInboxRulesAreAskedForAndTurnedOffByTheirIdentity() {
		expect("exo-get-inbox-rules.json");
		expect("exo-disable-inbox-rule.json");
		List<InboxRule> rules = this.exchange.getInboxRules("adele.vance@contoso.com");
		assertSent("exo-get-inbox-rules.json");
		assertThat(rules).singleElement().satisfies((rule) -> {
			assertThat(rule.name()).isEqualTo(" ");
			assertThat(rule.forwardTo()).containsExactly("payments@evil.example");
			assertThat(rule.deleteMessage()).isTrue();
		});
		this.exchange.disableInboxRule("adele.vance@contoso.com", rules.get(0).identity());
		assertSent("exo-disable-inbox-rule.json");
	}

	@Test
	void inboundConnectorsAreReadWithTheirSenderDomainsBare() {
		expect("exo-get-inbound-connectors.json");
		assertThat(this.exchange.listInboundConnectors()).singleElement().satisfies((connector) -> {
			assertThat(connector.guid()).isEqualTo("0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c");
			assertThat(connector.connectorType()).isEqualTo("OnPremises");
			assertThat(connector.senderDomains()).as("smtp:*;1 is any domain").containsExactly("*");
			assertThat(connector.whenChanged()).isEqualTo(Instant.parse("2026-12-06T23:10:00Z"));
		});
		assertSent("exo-get-inbound-connectors.json");
	}

	// ------------------------------------------------------------------------------------------------ harness

	/**
	 * The fixture's answer is given to the requests for its method, path and (for Exchange) cmdlet. Answers queue: one
	 * that was given once makes way for the next one expected; an error fixture that names no cmdlet answers the next
	 * cmdlet once, whichever it is.
	 */
	private void expect(String fixture) {
		JsonNode contract = fixture(fixture);
		JsonNode request = contract.path("request");
		this.answers
			.computeIfAbsent(key(request.path("method").asText(), request.path("path").asText(), cmdlet(request)),
					(k) -> new ArrayDeque<>())
			.add(new Answer(contract.path("response")));
	}

	/** The cmdlet a fixture's request names, or null. */
	private static String cmdlet(JsonNode request) {
		JsonNode body = request.has("json") ? request.get("json") : request.path("jsonContains");
		JsonNode name = body.path("CmdletInput").path("CmdletName");
		return name.isTextual() ? name.asText() : null;
	}

	/** The client sent what the fixture says it must. */
	private void assertSent(String fixture) {
		JsonNode expected = fixture(fixture).path("request");
		String cmdlet = cmdlet(expected);
		Recorded sent = this.received.stream()
			.filter((r) -> r.method().equals(expected.path("method").asText())
					&& r.path().equals(expected.path("path").asText())
					&& (cmdlet == null || cmdlet.equals(cmdlet(r))))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no " + expected.path("method").asText() + " "
					+ expected.path("path").asText() + " was sent; sent: " + this.received));
		expected.path("query").fields()
			.forEachRemaining((q) -> assertThat(sent.query()).as("query " + q.getKey())
				.containsEntry(q.getKey(), q.getValue().asText()));
		expected.path("queryContains").fields()
			.forEachRemaining((q) -> assertThat(sent.query().get(q.getKey())).as("query " + q.getKey())
				.contains(q.getValue().asText()));
		expected.path("headers").fields()
			.forEachRemaining((h) -> assertThat(sent.headers().get(h.getKey().toLowerCase())).as("header " + h.getKey())
				.isEqualTo(h.getValue().asText()));
		expected.path("form").fields()
			.forEachRemaining((f) -> matches("form " + f.getKey(), sent.form().get(f.getKey()), f.getValue().asText()));
		expected.path("formContains").fields()
			.forEachRemaining((f) -> assertThat(sent.form().get(f.getKey())).as("form " + f.getKey())
				.contains(f.getValue().asText()));
		if (expected.has("json")) {
			assertJson("body", expected.get("json"), sent.json(), true);
		}
		if (expected.has("jsonContains")) {
			assertJson("body", expected.get("jsonContains"), sent.json(), false);
		}
		if (!sent.method().equals("GET") && !sent.path().endsWith("/token")) {
			assertThat(sent.headers().get("authorization")).as("bearer token").startsWith("Bearer ey");
		}
	}

	private static void matches(String what, String actual, String expected) {
		if ("*".equals(expected)) {
			assertThat(actual).as(what).isNotBlank();
		}
		else {
			assertThat(actual).as(what).isEqualTo(expected);
		}
	}

	/** Expected JSON against what was sent: the same shape (arrays as arrays), "*" for any value, all keys if exact. */
	private static void assertJson(String where, JsonNode expected, JsonNode actual, boolean exact) {
		assertThat(actual).as(where).isNotNull();
		if (expected.isTextual() && "*".equals(expected.asText())) {
			assertThat(actual.isNull()).as(where).isFalse();
			return;
		}
		assertThat(actual.getNodeType()).as(where + " is a " + expected.getNodeType()).isEqualTo(expected.getNodeType());
		if (expected.isObject()) {
			if (exact) {
				List<String> names = new ArrayList<>();
				actual.fieldNames().forEachRemaining(names::add);
				List<String> wanted = new ArrayList<>();
				expected.fieldNames().forEachRemaining(wanted::add);
				assertThat(names).as(where + "'s fields").containsExactlyInAnyOrderElementsOf(wanted);
			}
			for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> field = it.next();
				assertJson(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), exact);
			}
		}
		else if (expected.isArray()) {
			assertThat(actual.size()).as(where + " size").isEqualTo(expected.size());
			for (int i = 0; i < expected.size(); i++) {
				assertJson(where + "[" + i + "]", expected.get(i), actual.get(i), exact);
			}
		}
		else {
			assertThat(actual).as(where).isEqualTo(expected);
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, String> headers = new HashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
		String text = new String(body, StandardCharsets.UTF_8);
		Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				pairs(exchange.getRequestURI().getRawQuery()), headers,
				text.startsWith("{") ? JSON.readTree(text) : null, text.startsWith("{") ? Map.of() : pairs(text));
		this.received.add(recorded);
		JsonNode response = answerTo(recorded);
		if (response == null) {
			exchange.sendResponseHeaders(599, -1);
			exchange.close();
			return;
		}
		int status = response.path("status").asInt();
		byte[] out = response.has("body") ? JSON.writeValueAsBytes(response.get("body")) : new byte[0];
		if (out.length > 0) {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
		}
		response.path("headers").fields()
			.forEachRemaining((h) -> exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
		exchange.sendResponseHeaders(status, (out.length == 0) ? -1 : out.length);
		try (OutputStream stream = exchange.getResponseBody()) {
			stream.write(out);
		}
	}

	private static Map<String, String> pairs(String encoded) {
		Map<String, String> pairs = new HashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return pairs;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				pairs.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return pairs;
	}

	private JsonNode answerTo(Recorded request) {
		Deque<Answer> anyCmdlet = this.answers.get(key(request.method(), request.path(), null));
		String cmdlet = cmdlet(request);
		if (cmdlet != null && anyCmdlet != null && !anyCmdlet.isEmpty() && !anyCmdlet.peek().given) {
			anyCmdlet.peek().given = true;
			return anyCmdlet.peek().response;
		}
		Deque<Answer> queue = this.answers.get(key(request.method(), request.path(), cmdlet));
		if (queue == null) {
			return null;
		}
		synchronized (queue) {
			while (queue.size() > 1 && queue.peek().given) {
				queue.poll();
			}
			queue.peek().given = true;
			return queue.peek().response;
		}
	}

	private static String cmdlet(Recorded request) {
		JsonNode name = (request.json() != null) ? request.json().path("CmdletInput").path("CmdletName") : null;
		return (name != null && name.isTextual()) ? name.asText() : null;
	}

	private static String key(String method, String path, String cmdlet) {
		return method + " " + path + ((cmdlet != null) ? " " + cmdlet : "");
	}

	static JsonNode fixture(String name) {
		try (InputStream in = MicrosoftContractTests.class.getResourceAsStream("/contracts/" + name)) {
			assertThat(in).as("fixture " + name).isNotNull();
			JsonNode contract = JSON.readTree(in);
			assertThat(contract.path("source").asText()).as(name + " names its source").isNotBlank();
			return contract;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A fixture's answer, and whether it was given yet. */
	private static final class Answer {

		final JsonNode response;

		volatile boolean given;

		Answer(JsonNode response) {
			this.response = response;
		}

	}

	/** A request as the server received it. */
	private record Recorded(String method, String path, Map<String, String> query, Map<String, String> headers,
			JsonNode json, Map<String, String> form) {
	}

}
