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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;
import org.soc.runbook.tenant.graph.SecurityAlert;
import org.soc.runbook.tenant.graph.TemporaryAccessPass;

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

	private final Map<String, JsonNode> answers = new HashMap<>();

	private HttpServer server;

	private GraphClient graph;

	private ExchangeOnlineClient exchange;

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
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), 1, Duration.ofMillis(10), 1000,
				DataSize.ofMegabytes(1), 10, MicrosoftCloud.GLOBAL, null, null, null);
		RestClient rest = TenantConfiguration.restClient(RestClient.builder(), properties);
		AccessTokenProvider tokens = new AccessTokenProvider(properties, TenantCredential.of(properties),
				new MsalHttpClient(rest, endpoints, properties, TenantCallMetrics.none(), JSON));
		TenantHttp http = new TenantHttp(rest, tokens, properties, (wait) -> { }, JSON);
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

	// ------------------------------------------------------------------------------------------------ harness

	/** The fixture's answer is given to the next request for its method and path. */
	private void expect(String fixture) {
		JsonNode contract = fixture(fixture);
		this.answers.put(key(contract.path("request").path("method").asText(),
				contract.path("request").path("path").asText()), contract.path("response"));
	}

	/** The client sent what the fixture says it must. */
	private void assertSent(String fixture) {
		JsonNode expected = fixture(fixture).path("request");
		Recorded sent = this.received.stream()
			.filter((r) -> r.method().equals(expected.path("method").asText())
					&& r.path().equals(expected.path("path").asText()))
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
		JsonNode response = this.answers.get(key(recorded.method(), recorded.path()));
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

	private static String key(String method, String path) {
		return method + " " + path;
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

	/** A request as the server received it. */
	private record Recorded(String method, String path, Map<String, String> query, Map<String, String> headers,
			JsonNode json, Map<String, String> form) {
	}

}
