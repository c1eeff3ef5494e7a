package org.soc.runbook.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * What every Graph and Exchange Online call shares: the bearer token, reading the answer, typing the failure, one
 * retry with a fresh token after a 401, and waiting out short throttling in place. A Retry-After longer than
 * {@link TenantProperties#maxInlineRetryWait()} is not waited for here: the caller gets the
 * {@link TenantThrottledException} and reschedules, because a sleeping job-executor thread does nobody any good.
 */
final class TenantHttp {

	/** Waits between attempts; a seam so that tests of the retry rules need not sleep. */
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	/** Reads a successful answer (status and JSON body, which may be null when empty). */
	interface Reader<T> {

		T read(int status, JsonNode body);

	}

	private final RestClient http;

	private final AccessTokenProvider tokens;

	private final TenantProperties properties;

	private final Sleeper sleeper;

	private final TenantReachability reachability;

	private final TenantCallMetrics metrics;

	TenantHttp(RestClient http, AccessTokenProvider tokens, TenantProperties properties, Sleeper sleeper) {
		this(http, tokens, properties, sleeper, new TenantReachability(), TenantCallMetrics.none());
	}

	TenantHttp(RestClient http, AccessTokenProvider tokens, TenantProperties properties, Sleeper sleeper,
			TenantReachability reachability, TenantCallMetrics metrics) {
		this.http = http;
		this.tokens = tokens;
		this.properties = properties;
		this.sleeper = sleeper;
		this.reachability = reachability;
		this.metrics = metrics;
	}

	<T> T call(TenantApi api, String operation, Function<RestClient, RestClient.RequestHeadersSpec<?>> request,
			Reader<T> reader) {
		TenantResource resource = (api == TenantApi.GRAPH) ? TenantResource.GRAPH : TenantResource.EXCHANGE;
		boolean renewedToken = false;
		int attempt = 0;
		while (true) {
			attempt++;
			String token = this.tokens.token(resource);
			long started = System.nanoTime();
			try {
				return request.apply(this.http)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.exchange((req, response) -> {
						int status = response.getStatusCode().value();
						this.metrics.record(api, operation, status, Duration.ofNanos(System.nanoTime() - started));
						if (status >= 500) {
							this.reachability.failed(api + " " + operation + ": HTTP " + status);
						}
						else {
							this.reachability.reached();
						}
						JsonNode body = TenantErrors.readJson(response);
						if (response.getStatusCode().is2xxSuccessful()) {
							return reader.read(status, body);
						}
						throw TenantErrors.fromResponse(api, operation, status, response.getHeaders(), body);
					});
			}
			catch (TenantAuthenticationException ex) {
				// A token can be revoked or rotated before it expires: fetch a new one once, then give up.
				if (ex.status() == 401 && !renewedToken) {
					this.tokens.invalidate(resource, token);
					renewedToken = true;
					attempt--;
					continue;
				}
				throw ex;
			}
			catch (TenantThrottledException ex) {
				Duration wait = ex.retryAfter().orElse(this.properties.throttleBackoff().multipliedBy(attempt));
				if (attempt >= this.properties.maxAttempts()
						|| wait.compareTo(this.properties.maxInlineRetryWait()) > 0) {
					throw ex;
				}
				pause(api, operation, wait);
			}
			catch (ResourceAccessException ex) {
				this.metrics.record(api, operation, 0, Duration.ofNanos(System.nanoTime() - started));
				this.reachability.failed(api + " " + operation + ": " + TenantErrors.ioDetail(ex));
				throw new TenantTransientException(api, operation, 0, null, TenantErrors.ioDetail(ex), null, ex);
			}
		}
	}

	/**
	 * Follows a paging link only to the host the first page came from: the link is part of the answer, and the
	 * bearer token must never be sent anywhere else.
	 */
	static URI sameOrigin(TenantApi api, String operation, URI base, String nextLink) {
		URI next = URI.create(nextLink);
		boolean same = base.getScheme().equalsIgnoreCase(next.getScheme())
				&& base.getHost().equalsIgnoreCase(next.getHost()) && port(base) == port(next);
		if (!same) {
			throw new TenantRequestException(api, operation, 0, "foreignNextLink",
					"refused to follow a paging link to another host: " + TenantErrors.clean(next.getHost()));
		}
		return next;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private void pause(TenantApi api, String operation, Duration wait) {
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TenantTransientException(api, operation, 0, null, "interrupted while waiting to retry", wait,
					ex);
		}
	}

}
