package org.soc.runbook.tenant;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Fetches app-only tokens with the OAuth2 client-credentials grant, one per resource (Graph and Exchange Online need
 * different scopes), and keeps each until shortly before it expires. Safe under concurrent use: threads that find
 * the token stale wait for one refresh instead of each asking the identity platform.
 */
public class AccessTokenProvider {

	private final RestClient http;

	private final TenantProperties properties;

	private final TenantEndpoints endpoints;

	private final ClientCredential credential;

	private final Clock clock;

	private final TenantCallMetrics metrics;

	private final TenantErrors errors;

	private final Map<TenantResource, CachedToken> cache = new ConcurrentHashMap<>();

	private final Map<TenantResource, Object> locks = new EnumMap<>(TenantResource.class);

	AccessTokenProvider(RestClient http, TenantProperties properties, TenantEndpoints endpoints,
			ClientCredential credential, Clock clock, TenantCallMetrics metrics, ObjectMapper json) {
		this.http = http;
		this.properties = properties;
		this.endpoints = endpoints;
		this.credential = credential;
		this.clock = clock;
		this.metrics = metrics;
		this.errors = new TenantErrors(json);
		for (TenantResource resource : TenantResource.values()) {
			this.locks.put(resource, new Object());
		}
	}

	/**
	 * Proves that both tokens can be obtained now, e.g. for a health check. Throws the token endpoint's failure.
	 */
	public void verifyAccess() {
		token(TenantResource.GRAPH);
		token(TenantResource.EXCHANGE);
	}

	/** A token for the resource, from the cache while it is fresh. */
	String token(TenantResource resource) {
		CachedToken cached = this.cache.get(resource);
		if (cached != null && cached.isFresh(this.clock.instant())) {
			return cached.value();
		}
		synchronized (this.locks.get(resource)) {
			cached = this.cache.get(resource);
			if (cached != null && cached.isFresh(this.clock.instant())) {
				return cached.value();
			}
			CachedToken fresh = fetch(resource);
			this.cache.put(resource, fresh);
			return fresh.value();
		}
	}

	/** Forgets a token the resource refused, so that the next call fetches a new one. */
	void invalidate(TenantResource resource, String refused) {
		this.cache.computeIfPresent(resource, (key, cached) -> cached.value().equals(refused) ? null : cached);
	}

	private CachedToken fetch(TenantResource resource) {
		String scope = (resource == TenantResource.GRAPH) ? this.properties.graphScope()
				: this.properties.exchangeScope();
		URI tokenUri = UriComponentsBuilder.fromUri(this.endpoints.authority())
			.path("/{tenant}/oauth2/v2.0/token")
			.encode()
			.buildAndExpand(this.properties.tenantId())
			.toUri();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", this.properties.clientId());
		form.add("scope", scope);
		form.add("grant_type", "client_credentials");
		this.credential.addTo(form, tokenUri);
		String operation = "token for " + scope;
		Instant requested = this.clock.instant();
		// Timed like every other tenant call (TenantCallMetrics), by the resource the token is for.
		String metricOperation = resource.name().toLowerCase(Locale.ROOT);
		long started = System.nanoTime();
		JsonNode body;
		try {
			body = this.http.post()
				.uri(tokenUri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, response) -> {
					this.metrics.record(TenantApi.TOKEN, metricOperation, response.getStatusCode().value(),
							Duration.ofNanos(System.nanoTime() - started));
					JsonNode json = this.errors.readJson(response, TenantApi.TOKEN, operation,
							this.properties.maxAnswerSize().toBytes());
					if (response.getStatusCode().is2xxSuccessful()) {
						return json;
					}
					throw TenantErrors.fromTokenResponse(operation, response.getStatusCode().value(),
							response.getHeaders(), json);
				});
		}
		catch (ResourceAccessException ex) {
			this.metrics.record(TenantApi.TOKEN, metricOperation, 0, Duration.ofNanos(System.nanoTime() - started));
			throw new TenantTransientException(TenantApi.TOKEN, operation, 0, null, TenantErrors.ioDetail(ex), null,
					null);
		}
		String value = (body != null) ? body.path("access_token").asText("") : "";
		long expiresIn = (body != null) ? body.path("expires_in").asLong(0) : 0;
		if (value.isEmpty() || expiresIn <= 0) {
			throw new TenantAuthenticationException(TenantApi.TOKEN, operation, 200, "invalid_response",
					"the answer had no access_token or expires_in");
		}
		Duration lifetime = Duration.ofSeconds(expiresIn);
		// Renew a few minutes early, but never sooner than half-way through a short-lived token.
		Duration early = this.properties.tokenRenewBefore();
		if (early.compareTo(lifetime.dividedBy(2)) > 0) {
			early = lifetime.dividedBy(2);
		}
		return new CachedToken(value, requested.plus(lifetime).minus(early));
	}

	private record CachedToken(String value, Instant renewAt) {

		boolean isFresh(Instant now) {
			return now.isBefore(this.renewAt);
		}

		@Override
		public String toString() {
			return "CachedToken[<hidden>, renewAt=" + this.renewAt + "]";
		}

	}

}
