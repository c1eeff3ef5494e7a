package org.soc.runbook.tenant;

import java.net.http.HttpClient;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the three tenant clients on one HTTP client with the configured timeouts. The endpoints come from the
 * configuration unless the simulated tenant is on, which supplies its own {@link TenantEndpoints}.
 */
@Configuration(proxyBeanMethods = false)
class TenantConfiguration {

	@Bean
	@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "false", matchIfMissing = true)
	TenantEndpoints configuredTenantEndpoints(TenantProperties properties) {
		return TenantEndpoints.of(properties);
	}

	@Bean
	AccessTokenProvider accessTokenProvider(RestClient.Builder builder, TenantProperties properties,
			TenantEndpoints endpoints) {
		return new AccessTokenProvider(restClient(builder, properties), properties, endpoints,
				ClientCredential.secret(properties.clientSecret()), Clock.systemUTC());
	}

	@Bean
	TenantReachability tenantReachability() {
		return new TenantReachability();
	}

	@Bean
	TenantCallMetrics tenantCallMetrics(MeterRegistry registry) {
		return new TenantCallMetrics(registry);
	}

	@Bean
	GraphClient graphClient(RestClient.Builder builder, TenantProperties properties, TenantEndpoints endpoints,
			AccessTokenProvider tokens, TenantReachability reachability, TenantCallMetrics metrics) {
		return new GraphClient(tenantHttp(builder, properties, tokens, reachability, metrics), endpoints);
	}

	@Bean
	ExchangeOnlineClient exchangeOnlineClient(RestClient.Builder builder, TenantProperties properties,
			TenantEndpoints endpoints, AccessTokenProvider tokens, TenantReachability reachability,
			TenantCallMetrics metrics) {
		return new ExchangeOnlineClient(tenantHttp(builder, properties, tokens, reachability, metrics), endpoints,
				properties);
	}

	private static TenantHttp tenantHttp(RestClient.Builder builder, TenantProperties properties,
			AccessTokenProvider tokens, TenantReachability reachability, TenantCallMetrics metrics) {
		return new TenantHttp(restClient(builder, properties), tokens, properties,
				(duration) -> Thread.sleep(duration.toMillis()), reachability, metrics);
	}

	static RestClient restClient(RestClient.Builder builder, TenantProperties properties) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			// HTTP/1.1 everywhere: no cleartext h2c upgrade attempts against the simulator or a proxy.
			.version(HttpClient.Version.HTTP_1_1)
			// Redirects would carry the bearer token to wherever the answer points.
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(properties.readTimeout());
		return builder.clone().requestFactory(factory).build();
	}

}
