package org.soc.runbook.tenant;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds each tenant's three clients (tokens, Graph, Exchange Online), each on its own pooled HTTP client with the
 * configured timeouts. The endpoints come from the configuration unless the simulated tenant is on, which supplies
 * its own {@link TenantEndpoints}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TenantConfiguration {

	/**
	 * Connections kept per host: more than the job executor has threads, so that no step waits for a connection
	 * another step holds (Apache's default is 5). Each client talks to one host.
	 */
	private static final int CONNECTIONS_PER_HOST = 20;

	/** How long an idle connection is kept at most (closed between this and twice this). */
	private static final TimeValue IDLE_CONNECTIONS_KEPT = TimeValue.ofSeconds(20);

	@Bean
	TenantConnections tenantConnections() {
		return new TenantConnections();
	}

	@Bean
	TenantCallMetrics tenantCallMetrics(MeterRegistry registry) {
		return new TenantCallMetrics(registry);
	}

	/** The tenants file, when {@code runbook.tenants-file.path} names one; its placeholders name environment variables. */
	@Bean
	@ConditionalOnExpression(TenantsFileProperties.SET)
	TenantsFile tenantsFile(TenantsFileProperties properties) {
		return new TenantsFile(properties.path(), System::getenv);
	}

	/**
	 * Every tenant's clients, each tenant on its own: its own token cache, connection pool, lanes and Retry-After
	 * holds, so that one customer's throttling holds back only that customer's calls. The endpoints are each tenant's
	 * own, or the simulator's for all of them when it is on (its paths name the tenant where Microsoft's do).
	 */
	@Bean
	RunbookTenants runbookTenants(TenantProperties shared, TenantsProperties configured, RestClient.Builder builder,
			ObjectProvider<TenantEndpoints> simulated, TenantCallMetrics metrics, TenantConnections connections,
			TenantCallLane lane, ObjectMapper json, ObjectProvider<TenantsFile> file) {
		// One for the node: the tenants share its job threads for waiting out Retry-After in place.
		InPlaceWaits waits = new InPlaceWaits(lane.threads());
		// A tenants file that cannot be read at start stops the start, as a bad runbook.tenants does.
		TenantsFile tenantsFile = file.getIfAvailable();
		return new RunbookTenants(shared, configured, (tenantsFile != null) ? tenantsFile.read().entries() : null,
				(tenant) -> {
			TenantProperties properties = tenant.connection();
			TenantEndpoints endpoints = simulated.getIfAvailable(() -> TenantEndpoints.of(properties));
			TenantCallMetrics counted = metrics.forTenant(tenant.key());
			TenantReachability reachability = new TenantReachability();
			AccessTokenProvider tokens = new AccessTokenProvider(properties, TenantCredential.of(properties),
					new MsalHttpClient(connections.restClient(builder, properties), endpoints, properties, counted,
							json));
			// One for the tenant: its Graph and Exchange clients hold each other's lower lanes back.
			CallLanes lanes = new CallLanes(lane, waits.of(tenant.key()));
			GraphClient graph = new GraphClient(tenantHttp(connections.restClient(builder, properties), properties,
					tokens, reachability, counted, lanes, json), endpoints, json);
			ExchangeOnlineClient exchange = new ExchangeOnlineClient(tenantHttp(connections.restClient(builder,
					properties), properties, tokens, reachability, counted, lanes, json), endpoints, properties, json);
			return new TenantClients(tenant, graph, exchange, tokens, reachability);
		});
	}

	private static TenantHttp tenantHttp(RestClient rest, TenantProperties properties, AccessTokenProvider tokens,
			TenantReachability reachability, TenantCallMetrics metrics, CallLanes lanes, ObjectMapper json) {
		return new TenantHttp(rest, tokens, properties, (duration) -> Thread.sleep(duration.toMillis()),
				reachability, metrics, json, lanes);
	}

	/** A tenant client's RestClient on a pooled HTTP client of its own, which the caller closes (or leaves open). */
	static RestClient restClient(RestClient.Builder builder, TenantProperties properties) {
		return restClient(builder, requestFactory(properties));
	}

	private static HttpComponentsClientHttpRequestFactory requestFactory(TenantProperties properties) {
		Timeout readTimeout = Timeout.of(properties.readTimeout());
		CloseableHttpClient client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(properties.connectTimeout()))
					.setSocketTimeout(readTimeout)
					// A connection idle for a while is checked before it is reused: Microsoft's front ends close
					// idle connections, and a request sent on a closed one would fail for nothing.
					.setValidateAfterInactivity(TimeValue.ofSeconds(1))
					.build())
				.setMaxConnPerRoute(CONNECTIONS_PER_HOST)
				.setMaxConnTotal(CONNECTIONS_PER_HOST)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(readTimeout).build())
			// Redirects would carry the bearer token to wherever the answer points.
			.disableRedirectHandling()
			// TenantHttp decides about every retry (throttling, a fresh token, transient failures) and counts each
			// attempt; the client's own retries of 429 and 503 would do both behind its back.
			.disableAutomaticRetries()
			// The tenant's APIs are stateless: nothing a response sets is sent back.
			.disableCookieManagement()
			// Closed here before a server closes them for idleness (Tomcat after 60 s): the check before reuse misses
			// a connection the server closes that very moment, and after a quiet minute the benchmark saw dozens of
			// calls fail at once with "the target server failed to respond".
			.evictIdleConnections(IDLE_CONNECTIONS_KEPT)
			.build();
		return new HttpComponentsClientHttpRequestFactory(client);
	}

	private static RestClient restClient(RestClient.Builder builder, HttpComponentsClientHttpRequestFactory factory) {
		return builder.clone()
			.requestFactory(factory)
			// TenantCallMetrics times every attempt, tokens included, by API, operation and result. Spring's own
			// observation would time each exchange a second time with fewer tags: in the benchmark's wave, nearly a
			// quarter of the CPU the tenant calls took on the job executor's threads.
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
	}

	/**
	 * The tenant clients' pooled HTTP clients, closed with the application context: their open connections to
	 * Microsoft go with it, not at the process's exit (tests and the benchmark start and stop several contexts in one
	 * JVM).
	 */
	static final class TenantConnections implements DisposableBean {

		private final List<HttpComponentsClientHttpRequestFactory> factories = new CopyOnWriteArrayList<>();

		RestClient restClient(RestClient.Builder builder, TenantProperties properties) {
			HttpComponentsClientHttpRequestFactory factory = requestFactory(properties);
			this.factories.add(factory);
			return TenantConfiguration.restClient(builder, factory);
		}

		@Override
		public void destroy() throws Exception {
			for (HttpComponentsClientHttpRequestFactory factory : this.factories) {
				factory.destroy();
			}
		}

	}

}
