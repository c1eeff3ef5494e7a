package org.soc.runbook.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads the services' answers, bounded, and turns their error answers into typed {@link TenantException}s. Graph sends
 * {@code {"error":{"code","message"}}}; Exchange Online adds {@code details[].message} in the form
 * {@code id|.NET exception type|text}; the token endpoint sends {@code error} and {@code error_description}.
 */
final class TenantErrors {

	private static final int MAX_DETAIL = 400;

	/** Graph codes that mean "the tenant has no P1/P2 licence for this", as opposed to a missing permission. */
	private static final String[] UNLICENSED_MARKERS = { "nonpremium", "licen", "premium" };

	private final ObjectMapper json;

	TenantErrors(ObjectMapper json) {
		this.json = json;
	}

	/** The body as JSON, or null when it is empty or not JSON (a proxy's HTML page, say). */
	JsonNode readJson(ClientHttpResponse response, TenantApi api, String operation, long maxBytes)
			throws IOException {
		long announced = response.getHeaders().getContentLength();
		if (announced > maxBytes) {
			throw tooLarge(api, operation, maxBytes);
		}
		try (InputStream body = response.getBody()) {
			byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
			if (bytes.length > maxBytes) {
				throw tooLarge(api, operation, maxBytes);
			}
			if (bytes.length == 0) {
				return null;
			}
			try {
				return this.json.readTree(bytes);
			}
			catch (IOException notJson) {
				return null;
			}
		}
	}

	private static TenantAnswerTooLargeException tooLarge(TenantApi api, String operation, long maxBytes) {
		return new TenantAnswerTooLargeException(api, operation,
				"the answer is larger than " + maxBytes + " bytes (runbook.tenant.max-answer-size)");
	}

	/** A list that runs past {@code maxPages} pages. */
	static TenantAnswerTooLargeException tooManyPages(TenantApi api, String operation, int maxPages) {
		return new TenantAnswerTooLargeException(api, operation,
				"the list runs to more than " + maxPages + " pages (runbook.tenant.max-pages)");
	}

	static TenantException fromTokenResponse(String operation, int status, HttpHeaders headers, JsonNode body) {
		String code = (body != null) ? body.path("error").asText(null) : null;
		String description = (body != null) ? firstLine(body.path("error_description").asText("")) : "";
		if (status == 429) {
			return new TenantThrottledException(TenantApi.TOKEN, operation, status, code, description,
					retryAfter(headers));
		}
		if (status >= 500 || status == 408) {
			return new TenantTransientException(TenantApi.TOKEN, operation, status, code, description,
					retryAfter(headers), null);
		}
		return new TenantAuthenticationException(TenantApi.TOKEN, operation, status, code, description);
	}

	/** A refusal the shared rules type alone: none is a business outcome of its API's own. */
	static TenantException fromResponse(TenantApi api, String operation, int status, HttpHeaders headers,
			JsonNode body) {
		return fromResponse(api, operation, status, headers, body, (refusal) -> null);
	}

	/**
	 * A refusal, typed: throttling, transient failures and what Exchange Online names "not found" first;
	 * {@code ownRefusals} then gives the API's own business outcomes their type (null leaves the refusal to the
	 * rules by status that follow).
	 */
	static TenantException fromResponse(TenantApi api, String operation, int status, HttpHeaders headers,
			JsonNode body, Function<TenantRefusal, TenantException> ownRefusals) {
		JsonNode error = (body != null) ? body.path("error") : null;
		String code = (error != null) ? error.path("code").asText(null) : null;
		String text = (error != null) ? error.path("message").asText("") : "";
		String exchangeType = null;
		if (error != null && error.path("details").isArray() && !error.path("details").isEmpty()) {
			// Exchange Online: "Ex6F9304|Microsoft.Exchange...ManagementObjectNotFoundException|The operation ..."
			String[] parts = error.path("details").get(0).path("message").asText("").split("\\|", 3);
			if (parts.length == 3) {
				exchangeType = parts[1];
				code = simpleName(parts[1]);
				text = parts[2];
			}
			else if (!parts[0].isBlank()) {
				text = parts[0];
			}
		}
		if (text.isBlank() && error != null) {
			text = error.path("innererror").path("internalException").path("message").asText("");
		}
		String detail = clean(text);
		String lower = detail.toLowerCase(Locale.ROOT);
		Duration retryAfter = retryAfter(headers);
		if (status == 429 || lower.contains("maximum number of concurrent requests")) {
			return new TenantThrottledException(api, operation, status, code, detail, retryAfter);
		}
		if (status >= 500 || status == 408) {
			return new TenantTransientException(api, operation, status, code, detail, retryAfter, null);
		}
		if (exchangeType != null && exchangeType.contains("NotFound")) {
			return new TenantNotFoundException(api, operation, status, code, detail);
		}
		TenantException own = ownRefusals.apply(new TenantRefusal(api, operation, status, code, detail, exchangeType));
		if (own != null) {
			return own;
		}
		if (status == 404) {
			return new TenantNotFoundException(api, operation, status, code, detail);
		}
		if (status == 401) {
			return new TenantAuthenticationException(api, operation, status, code, detail);
		}
		if (status == 403) {
			String codeLower = (code != null) ? code.toLowerCase(Locale.ROOT) : "";
			for (String marker : UNLICENSED_MARKERS) {
				if (codeLower.contains(marker) || lower.contains(marker)) {
					return new TenantUnlicensedException(api, operation, status, code, detail);
				}
			}
			return new TenantForbiddenException(api, operation, status, code, detail);
		}
		return new TenantRequestException(api, operation, status, code, detail);
	}

	/**
	 * Retry-After as seconds or as an HTTP date; null when absent or unreadable.
	 */
	static Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		value = value.trim();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(Instant.now(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
	}

	static String ioDetail(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return "no answer (" + root.getClass().getSimpleName() + ")";
	}

	/**
	 * Service text goes into exception messages, logs and incidents: one line, no control characters, bounded.
	 */
	static String clean(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL));
		for (int i = 0; i < text.length() && out.length() < MAX_DETAIL; i++) {
			char c = text.charAt(i);
			out.append(Character.isISOControl(c) ? ' ' : c);
		}
		return out.toString().trim();
	}

	private static String firstLine(String description) {
		// AADSTS descriptions end with trace and correlation ids on further lines; the first line says what is wrong.
		int end = description.indexOf('\n');
		return clean((end >= 0) ? description.substring(0, end) : description);
	}

	private static String simpleName(String type) {
		int dot = type.lastIndexOf('.');
		return (dot >= 0) ? type.substring(dot + 1) : type;
	}

}
