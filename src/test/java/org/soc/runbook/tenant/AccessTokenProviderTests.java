package org.soc.runbook.tenant;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.MovableClock;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatorCall;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link AccessTokenProvider} and the token handling of the clients, against the simulated identity
 * platform over real HTTP. Each test builds its own provider so that the call log shows exactly its token requests.
 */
@RunbookIntegrationTest
class AccessTokenProviderTests {

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	TenantEndpoints endpoints;

	@Autowired
	TenantProperties properties;

	@Autowired
	RestClient.Builder builder;

	@Autowired
	ObjectMapper json;

	private final MovableClock clock = new MovableClock();

	@BeforeEach
	void clearLog() {
		this.tenant.clearCalls();
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void oneTokenPerResourceIsFetchedAndReused() {
		AccessTokenProvider tokens = provider(this.properties);
		String graph = tokens.token(TenantResource.GRAPH);
		assertThat(tokens.token(TenantResource.GRAPH)).isEqualTo(graph);
		String exchange = tokens.token(TenantResource.EXCHANGE);
		assertThat(exchange).isNotEqualTo(graph);
		assertThat(tokenCalls()).extracting((c) -> c.parameters().get("scope"))
			.containsExactly("https://graph.microsoft.com/.default", "https://outlook.office365.com/.default");
	}

	@Test
	void aTokenIsRenewedShortlyBeforeItExpires() {
		this.tenant.tokenLifetime(Duration.ofMinutes(10));
		AccessTokenProvider tokens = provider(this.properties);
		String first = tokens.token(TenantResource.GRAPH);
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(tokens.token(TenantResource.GRAPH)).isEqualTo(first);
		// Renewal is due 5 minutes before expiry, or half-way for tokens shorter than 10 minutes.
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(tokens.token(TenantResource.GRAPH)).isNotEqualTo(first);
		assertThat(tokenCalls()).hasSize(2);
	}

	@Test
	void concurrentCallersShareOneTokenRequest() throws Exception {
		AccessTokenProvider tokens = provider(this.properties);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> results = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return tokens.token(TenantResource.EXCHANGE);
			}));
		}
		start.countDown();
		Set<String> seen = ConcurrentHashMap.newKeySet();
		for (Future<String> result : results) {
			seen.add(result.get(10, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(seen).hasSize(1);
		assertThat(tokenCalls()).hasSize(1);
	}

	@Test
	void anUnknownClientGetsTheDocumentedError() {
		AccessTokenProvider tokens = provider(with(this.properties, "ffffffff-0000-4000-8000-000000000000",
				this.properties.clientSecret(), this.properties.exchangeScope(), this.properties.readTimeout()));
		assertThatThrownBy(() -> tokens.token(TenantResource.GRAPH))
			.isInstanceOfSatisfying(TenantAuthenticationException.class, (ex) -> {
				assertThat(ex.errorCode()).isEqualTo("unauthorized_client");
				assertThat(ex.getMessage()).contains("AADSTS700016");
			});
	}

	@Test
	void aWrongSecretIsRefusedAndNeverRepeatedInTheError() {
		String wrong = "Wrong~Secret-" + System.nanoTime();
		AccessTokenProvider tokens = provider(with(this.properties, this.properties.clientId(), wrong,
				this.properties.exchangeScope(), this.properties.readTimeout()));
		assertThatThrownBy(() -> tokens.token(TenantResource.GRAPH))
			.isInstanceOfSatisfying(TenantAuthenticationException.class, (ex) -> {
				assertThat(ex.errorCode()).isEqualTo("invalid_client");
				assertThat(ex.getMessage()).doesNotContain(wrong).doesNotContain(this.properties.clientSecret());
			});
		assertThat(this.tenant.calls().toString()).doesNotContain(wrong);
	}

	@Test
	void anExpiredTokenIsReplacedOnceAndTheCallSucceeds() {
		AccessTokenProvider tokens = provider(this.properties);
		GraphClient graph = new GraphClient(http(tokens, this.properties), this.endpoints, this.json);
		graph.getUser(DemoTenantSeed.LEE);
		// The tenant's clock runs two hours ahead: the cached token is expired there, not here.
		this.tenant.useClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
		assertThat(graph.getUser(DemoTenantSeed.LEE).userPrincipalName()).isEqualTo(DemoTenantSeed.LEE);
		assertThat(this.tenant.calls("getUser")).extracting(SimulatorCall::status).containsExactly(200, 401, 200);
		assertThat(tokenCalls()).hasSize(2);
	}

	@Test
	void aGraphTokenIsRefusedByExchange() {
		// Over plain HTTP: the simulator checks the audience like the real services do.
		RestClient raw = this.builder.build();
		String graphToken = provider(this.properties).token(TenantResource.GRAPH);
		HttpStatus status = raw.post()
			.uri(this.endpoints.exchange() + "/adminapi/beta/" + DemoTenantSeed.TENANT + "/InvokeCommand")
			.header("Authorization", "Bearer " + graphToken)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"CmdletInput\":{\"CmdletName\":\"Get-BlockedConnector\",\"Parameters\":{}}}")
			.exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));
		assertThat(status).isEqualTo(HttpStatus.UNAUTHORIZED);

		// Through the client, misconfigured to ask for a Graph token for Exchange: refused after one renewal.
		TenantProperties misconfigured = with(this.properties, this.properties.clientId(),
				this.properties.clientSecret(), this.properties.graphScope(), this.properties.readTimeout());
		ExchangeOnlineClient exchange = new ExchangeOnlineClient(http(provider(misconfigured), misconfigured),
				this.endpoints, misconfigured, this.json);
		assertThatThrownBy(exchange::getBlockedConnectors)
			.isInstanceOfSatisfying(TenantAuthenticationException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.getMessage()).contains("Invalid audience");
			});
	}

	@Test
	void noAnswerInTimeIsTransient() {
		TenantProperties impatient = with(this.properties, this.properties.clientId(), this.properties.clientSecret(),
				this.properties.exchangeScope(), Duration.ofMillis(300));
		AccessTokenProvider tokens = provider(impatient);
		GraphClient graph = new GraphClient(http(tokens, impatient), this.endpoints, this.json);
		tokens.token(TenantResource.GRAPH);
		this.tenant.faults().latency(Duration.ofMillis(1200));
		assertThatThrownBy(() -> graph.getUser(DemoTenantSeed.LEE))
			.isInstanceOfSatisfying(TenantTransientException.class, (ex) -> {
				assertThat(ex.status()).isZero();
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getMessage()).contains("no answer");
			});
	}

	@Test
	void theTenantConnectionsCloseWithTheApplication() throws Exception {
		TenantConfiguration.TenantConnections connections = new TenantConfiguration.TenantConnections();
		RestClient rest = connections.restClient(this.builder, this.properties);
		String url = this.endpoints.graph() + "/v1.0/users/" + DemoTenantSeed.LEE;
		Integer status = rest.get().uri(url).exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).as("open: the simulator answers, without a token").isEqualTo(401);
		connections.destroy();
		assertThatThrownBy(() -> rest.get().uri(url).exchange((request, response) -> response.getStatusCode().value()))
			.hasStackTraceContaining("shut down");
	}

	private List<SimulatorCall> tokenCalls() {
		return this.tenant.calls("token");
	}

	private AccessTokenProvider provider(TenantProperties props) {
		return new AccessTokenProvider(TenantConfiguration.restClient(this.builder, props), props, this.endpoints,
				ClientCredential.secret(props.clientSecret()), this.clock, TenantCallMetrics.none(), this.json);
	}

	private TenantHttp http(AccessTokenProvider tokens, TenantProperties props) {
		return new TenantHttp(TenantConfiguration.restClient(this.builder, props), tokens, props,
				(duration) -> Thread.sleep(duration.toMillis()), this.json);
	}

	private static TenantProperties with(TenantProperties p, String clientId, String secret, String exchangeScope,
			Duration readTimeout) {
		return new TenantProperties(p.tenantId(), clientId, secret, p.authority(), p.graphUrl(), p.exchangeUrl(),
				p.graphScope(), exchangeScope, p.connectTimeout(), readTimeout, p.maxInlineRetryWait(),
				p.maxAttempts(), p.throttleBackoff(), p.tokenRenewBefore(), p.exchangePageSize(), p.maxAnswerSize(),
				p.maxPages(), p.cloud());
	}

}
