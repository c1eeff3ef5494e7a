package org.soc.runbook.tenant;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.junit.jupiter.api.io.TempDir;
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
 * Tests for {@link AccessTokenProvider} (Microsoft's MSAL for Java under the clients' own HTTP) and the token
 * handling of the clients, against the simulated identity platform over real HTTP: a client secret, a certificate
 * (PKCS#12 and PEM) and a managed identity. Each test builds its own provider so that the call log shows exactly
 * its token requests.
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
		// MSAL adds the OpenID Connect scopes to every request; the resource is the one .default scope.
		assertThat(tokenCalls()).extracting((c) -> c.parameters().get("scope"))
			.satisfiesExactly((scope) -> assertThat(scope).contains("https://graph.microsoft.com/.default"),
					(scope) -> assertThat(scope).contains("https://outlook.office365.com/.default"));
	}

	@Test
	void aTokenIsRenewedShortlyBeforeItExpires() throws Exception {
		// MSAL treats a token as due for renewal five minutes before it expires: one that lives five minutes and
		// two seconds is served from the cache now and renewed two seconds later.
		this.tenant.tokenLifetime(Duration.ofMinutes(5).plusSeconds(2));
		AccessTokenProvider tokens = provider(this.properties);
		String first = tokens.token(TenantResource.GRAPH);
		assertThat(tokens.token(TenantResource.GRAPH)).isEqualTo(first);
		Thread.sleep(2500);
		assertThat(tokens.token(TenantResource.GRAPH)).isNotEqualTo(first);
		assertThat(tokenCalls()).hasSize(2);
	}

	@Test
	void aCertificateSignsTheRequestAndNoSecretIsSent(@TempDir Path folder) throws Exception {
		String clientId = "cert-" + UUID.randomUUID();
		KeyStore.PrivateKeyEntry key = TestCertificates.pkcs12(folder.resolve("runbook.p12"), "Pfx~Pass");
		this.tenant.registerCertificate(clientId, (X509Certificate) key.getCertificate());

		TenantProperties withPfx = credential(this.properties, clientId, null, folder.resolve("runbook.p12"),
				"Pfx~Pass", null);
		assertThat(provider(withPfx).token(TenantResource.GRAPH)).isNotBlank();

		// The same key and certificate as PEM (an unencrypted PKCS#8 key and the certificate).
		Path pem = TestCertificates.pem(folder.resolve("runbook.pem"), key);
		TenantProperties withPem = credential(this.properties, clientId, null, pem, null, null);
		assertThat(provider(withPem).token(TenantResource.EXCHANGE)).isNotBlank();
		assertThat(tokenCalls()).extracting(SimulatorCall::status).containsExactly(200, 200);

		// A certificate the app registration does not have: the platform's refusal, typed.
		String stranger = "cert-" + UUID.randomUUID();
		this.tenant.registerCertificate(stranger, (X509Certificate) TestCertificates
			.pkcs12(folder.resolve("other.p12"), "Other~Pass").getCertificate());
		TenantProperties wrong = credential(this.properties, stranger, null, folder.resolve("runbook.p12"),
				"Pfx~Pass", null);
		assertThatThrownBy(() -> provider(wrong).token(TenantResource.GRAPH))
			.isInstanceOfSatisfying(TenantAuthenticationException.class, (ex) -> {
				assertThat(ex.errorCode()).isEqualTo("invalid_client");
				assertThat(ex.getMessage()).contains("AADSTS700027").doesNotContain("Pfx~Pass");
			});
	}

	@Test
	void aWrongCertificatePasswordStopsTheStartWithAClearErrorNotTheSecret(@TempDir Path folder) throws Exception {
		TestCertificates.pkcs12(folder.resolve("runbook.p12"), "Right~Pass");
		TenantProperties wrong = credential(this.properties, this.properties.clientId(), null,
				folder.resolve("runbook.p12"), "Wrong~Pass", null);
		assertThatThrownBy(() -> provider(wrong)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("runbook.tenant.certificate-file")
			.hasMessageNotContaining("Wrong~Pass");
		TenantProperties both = credential(this.properties, this.properties.clientId(), "a-secret",
				folder.resolve("runbook.p12"), "Right~Pass", null);
		assertThatThrownBy(() -> TenantCredential.of(both)).hasMessageContaining("exactly one credential");
	}

	@Test
	void aManagedIdentityGetsItsTokensFromTheInstanceMetadataService() {
		this.tenant.registerManagedIdentity("system");
		TenantProperties managed = credential(this.properties, this.properties.clientId(), null, null, null,
				"system");
		AccessTokenProvider tokens = provider(managed);
		GraphClient graph = new GraphClient(http(tokens, managed), this.endpoints, this.json);
		assertThat(graph.getUser(DemoTenantSeed.LEE).userPrincipalName()).isEqualTo(DemoTenantSeed.LEE);
		assertThat(this.tenant.calls("managedIdentityToken")).singleElement()
			.satisfies((call) -> assertThat(call.parameters()).containsEntry("resource", "https://graph.microsoft.com"));
		assertThat(tokenCalls()).as("no app secret or certificate involved").isEmpty();

		TenantProperties unknown = credential(this.properties, this.properties.clientId(), null, null, null,
				"f0f0f0f0-0000-4000-8000-000000000000");
		assertThatThrownBy(() -> provider(unknown).token(TenantResource.EXCHANGE))
			.isInstanceOf(TenantAuthenticationException.class);
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
		return new AccessTokenProvider(props, TenantCredential.of(props), new MsalHttpClient(
				TenantConfiguration.restClient(this.builder, props), this.endpoints, props, TenantCallMetrics.none(),
				this.json));
	}

	private static TenantProperties credential(TenantProperties p, String clientId, String secret, Path certificate,
			String password, String managedIdentity) {
		return new TenantProperties(p.tenantId(), clientId, secret, p.authority(), p.graphUrl(), p.exchangeUrl(),
				p.graphScope(), p.exchangeScope(), p.connectTimeout(), p.readTimeout(), p.maxInlineRetryWait(),
				p.maxAttempts(), p.throttleBackoff(), p.exchangePageSize(), p.maxAnswerSize(), p.maxPages(), p.cloud(),
				certificate, password, managedIdentity);
	}

	private TenantHttp http(AccessTokenProvider tokens, TenantProperties props) {
		return new TenantHttp(TenantConfiguration.restClient(this.builder, props), tokens, props,
				(duration) -> Thread.sleep(duration.toMillis()), this.json);
	}

	private static TenantProperties with(TenantProperties p, String clientId, String secret, String exchangeScope,
			Duration readTimeout) {
		return new TenantProperties(p.tenantId(), clientId, secret, p.authority(), p.graphUrl(), p.exchangeUrl(),
				p.graphScope(), exchangeScope, p.connectTimeout(), readTimeout, p.maxInlineRetryWait(),
				p.maxAttempts(), p.throttleBackoff(), p.exchangePageSize(), p.maxAnswerSize(),
				p.maxPages(), p.cloud(), p.certificateFile(), p.certificatePassword(), p.managedIdentity());
	}

}
