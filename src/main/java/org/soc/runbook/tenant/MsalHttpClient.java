package org.soc.runbook.tenant;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The HTTP under Microsoft's library (MSAL): its requests go through the tenant clients' own HTTP client, so they
 * have the same timeouts, connection pool, metrics and answer size limit as every other tenant call, and a refusal
 * is typed as every other ({@link TenantErrors#fromTokenResponse}), never echoing a secret.
 * <p>
 * MSAL speaks to the cloud's authority by name ({@code https://login.microsoftonline.com/...}) and to the Azure
 * instance metadata service for a managed identity ({@code http://169.254.169.254/...}). Each is sent to where the
 * configured endpoints say that service is: the same host in production, the simulated tenant in the demo and tests.
 */
final class MsalHttpClient implements IHttpClient {

	/** The Azure instance metadata service's address, where MSAL asks for managed identity tokens. */
	static final String METADATA_HOST = "169.254.169.254";

	private final RestClient http;

	private final TenantEndpoints endpoints;

	private final String authorityHost;

	private final TenantProperties properties;

	private final TenantCallMetrics metrics;

	private final TenantErrors errors;

	MsalHttpClient(RestClient http, TenantEndpoints endpoints, TenantProperties properties, TenantCallMetrics metrics,
			ObjectMapper json) {
		this.http = http;
		this.endpoints = endpoints;
		this.authorityHost = properties.cloud().authority().getHost();
		this.properties = properties;
		this.metrics = metrics;
		this.errors = new TenantErrors(json);
	}

	@Override
	public IHttpResponse send(HttpRequest request) {
		URI target = route(request.url());
		String resource = resource(request);
		String operation = "token for " + resource;
		long started = System.nanoTime();
		try {
			RestClient.RequestBodySpec spec = this.http.method(HttpMethod.valueOf(request.httpMethod().name()))
				.uri(target)
				.headers((headers) -> request.headers().forEach((name, value) -> {
					if (!HttpHeaders.HOST.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
						headers.set(name, value);
					}
				}));
			if (request.body() != null) {
				spec.body(request.body());
			}
			return spec.exchange((req, response) -> {
				int status = response.getStatusCode().value();
				this.metrics.record(TenantApi.TOKEN, metricName(resource), status,
						Duration.ofNanos(System.nanoTime() - started));
				JsonNode body = this.errors.readJson(response, TenantApi.TOKEN, operation,
						this.properties.maxAnswerSize().toBytes());
				if (!response.getStatusCode().is2xxSuccessful()) {
					throw TenantErrors.fromTokenResponse(operation, status, response.getHeaders(), body);
				}
				HttpResponse answer = new HttpResponse().statusCode(status).body((body != null) ? body.toString() : "");
				Map<String, List<String>> headers = new LinkedHashMap<>(response.getHeaders());
				answer.addHeaders(headers);
				return answer;
			});
		}
		catch (ResourceAccessException ex) {
			this.metrics.record(TenantApi.TOKEN, metricName(resource), 0, Duration.ofNanos(System.nanoTime() - started));
			throw new TenantTransientException(TenantApi.TOKEN, operation, 0, null, TenantErrors.ioDetail(ex), null,
					null);
		}
	}

	/** The configured host of the service MSAL addressed by its public name. */
	private URI route(URL url) {
		URI base;
		if (url.getHost().equalsIgnoreCase(this.authorityHost)) {
			base = this.endpoints.authority();
		}
		else if (url.getHost().equals(METADATA_HOST)) {
			base = this.endpoints.managedIdentity();
		}
		else {
			return URI.create(url.toString());
		}
		String rebased = base.toString().replaceAll("/+$", "") + url.getPath()
				+ ((url.getQuery() != null) ? "?" + url.getQuery() : "");
		return URI.create(rebased);
	}

	/** The resource a token is asked for: the scope in a form body, or the {@code resource} query parameter. */
	private static String resource(HttpRequest request) {
		String text = ((request.body() != null) ? request.body() : "") + "&"
				+ ((request.url().getQuery() != null) ? request.url().getQuery() : "");
		for (String pair : text.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && List.of("scope", "resource").contains(pair.substring(0, equals))) {
				return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return "(no resource)";
	}

	/** The metric's operation: the resource the token is for, as the other tenant metrics name it. */
	private String metricName(String resource) {
		String lower = resource.toLowerCase(Locale.ROOT);
		if (lower.startsWith(this.properties.graphScope().replace("/.default", "").toLowerCase(Locale.ROOT))) {
			return "graph";
		}
		if (lower.startsWith(this.properties.exchangeScope().replace("/.default", "").toLowerCase(Locale.ROOT))) {
			return "exchange";
		}
		return "other";
	}

}
