package org.soc.runbook.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * What every Graph and Exchange Online call shares: the bearer token, reading the answer, typing the failure, one
 * retry with a fresh token after a 401, and waiting out short throttling in place. A Retry-After longer than
 * {@link TenantProperties#maxInlineRetryWait()} is not waited for here: the caller gets the
 * {@link TenantThrottledException} and reschedules, because a sleeping job-executor thread does nobody any good.
 * Any Retry-After holds the operation for every thread of the node ({@link RetryAfterHolds}) and the lower lanes'
 * calls ({@link CallLanes}): a call held that way is not sent, its job waits, in place while its tenant's share of the
 * job threads allows ({@link InPlaceWaits}), parked otherwise. Each client has one of its own, built by
 * {@link TenantConfiguration}, and shares the lanes with the tenant's other client.
 */
public final class TenantHttp {

	/** Waits between attempts; a seam so that tests of the retry rules need not sleep. */
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	/** Reads a successful answer (status and JSON body, which may be null when empty). */
	public interface Reader<T> {

		T read(int status, JsonNode body);

	}

	/**
	 * One read in a Graph JSON batch: its id in the batch, the operation it stands for (metrics and errors name it,
	 * as they would the request sent alone) and its URL relative to the API version, e.g. {@code /users/{id}}.
	 */
	public record BatchRequest(String id, String operation, String url) {
	}

	/**
	 * One request's answer inside a batch, as it would have come alone: its body (null when empty), or the failure the
	 * request would have thrown sent alone.
	 */
	public record BatchAnswer(JsonNode body, TenantException failure) {
	}

	/** Graph refuses batches of more than 20 requests. */
	static final int MAX_BATCH = 20;

	private final RestClient http;

	private final AccessTokenProvider tokens;

	private final TenantProperties properties;

	private final Sleeper sleeper;

	private final TenantReachability reachability;

	private final TenantCallMetrics metrics;

	private final ObjectMapper json;

	private final TenantErrors errors;

	private final RetryAfterHolds holds;

	private final CallLanes lanes;

	TenantHttp(RestClient http, AccessTokenProvider tokens, TenantProperties properties, Sleeper sleeper,
			ObjectMapper json) {
		this(http, tokens, properties, sleeper, new TenantReachability(), TenantCallMetrics.none(), json,
				CallLanes.none());
	}

	TenantHttp(RestClient http, AccessTokenProvider tokens, TenantProperties properties, Sleeper sleeper,
			TenantReachability reachability, TenantCallMetrics metrics, ObjectMapper json, CallLanes lanes) {
		this.lanes = lanes;
		this.holds = new RetryAfterHolds(lanes::now);
		this.http = http;
		this.tokens = tokens;
		this.properties = properties;
		this.sleeper = sleeper;
		this.reachability = reachability;
		this.metrics = metrics;
		this.json = json;
		this.errors = new TenantErrors(json);
	}

	/** Sends the request with a bearer token for the API and reads the answer, or throws its typed failure. */
	public <T> T call(TenantApi api, String operation, Function<RestClient, RestClient.RequestHeadersSpec<?>> request,
			Reader<T> reader) {
		return call(api, operation, request, reader, (refusal) -> null);
	}

	/**
	 * As {@link #call(TenantApi, String, Function, Reader)}, with {@code ownRefusals} typing the refusals that are
	 * business outcomes of the API's own (null for any other: the shared rules type it).
	 */
	public <T> T call(TenantApi api, String operation, Function<RestClient, RestClient.RequestHeadersSpec<?>> request,
			Reader<T> reader, Function<TenantRefusal, TenantException> ownRefusals) {
		TenantResource resource = (api == TenantApi.GRAPH) ? TenantResource.GRAPH : TenantResource.EXCHANGE;
		boolean renewedToken = false;
		int attempt = 0;
		OptionalLong lane = this.lanes.current();
		while (true) {
			attempt++;
			Duration yielded = this.lanes.heldFor(lane);
			if (!yielded.isZero()) {
				// Not slept here: the job gives its thread back, for the containment jobs that wait for one.
				this.metrics.held(api, operation);
				throw TenantThrottledException.yielded(api, operation, yielded);
			}
			awaitHold(api, operation, this.holds.remaining(api, operation), lane);
			String token = this.tokens.token(resource);
			long started = System.nanoTime();
			try {
				RestClient.RequestHeadersSpec<?> spec = request.apply(this.http)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
				String priority = (api == TenantApi.GRAPH) ? CallLanes.graphPriority(lane) : null;
				if (priority != null) {
					spec = spec.header(CallLanes.GRAPH_PRIORITY_HEADER, priority);
				}
				return spec.exchange((req, response) -> {
					int status = response.getStatusCode().value();
					this.metrics.record(api, operation, status, Duration.ofNanos(System.nanoTime() - started));
					if (status >= 500) {
						this.reachability.failed(api + " " + operation + ": HTTP " + status);
					}
					else {
						this.reachability.reached();
					}
					JsonNode body = this.errors.readJson(response, api, operation,
							this.properties.maxAnswerSize().toBytes());
					if (response.getStatusCode().is2xxSuccessful()) {
						return reader.read(status, body);
					}
					throw TenantErrors.fromResponse(api, operation, status, response.getHeaders(), body,
							ownRefusals);
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
				this.holds.hold(api, operation, wait);
				this.lanes.throttled(lane, wait);
				if (attempt >= this.properties.maxAttempts()
						|| wait.compareTo(this.properties.maxInlineRetryWait()) > 0) {
					throw ex;
				}
				pause(api, operation, wait, lane);
			}
			catch (TenantTransientException ex) {
				// A 503 with Retry-After says when Microsoft will answer again (Graph documents it as for 429): a short
				// wait is waited out here; a long one, or none, is left to the job's retries, which honour it too.
				Duration wait = ex.retryAfter().orElse(null);
				if (wait == null || attempt >= this.properties.maxAttempts()
						|| wait.compareTo(this.properties.maxInlineRetryWait()) > 0) {
					throw ex;
				}
				pause(api, operation, wait, lane);
			}
			catch (ResourceAccessException ex) {
				this.metrics.record(api, operation, 0, Duration.ofNanos(System.nanoTime() - started));
				this.reachability.failed(api + " " + operation + ": " + TenantErrors.ioDetail(ex));
				throw new TenantTransientException(api, operation, 0, null, TenantErrors.ioDetail(ex), null, ex);
			}
		}
	}

	/**
	 * Sends GET requests to Graph as one JSON batch ({@code POST /$batch}): one round trip instead of one per request,
	 * and Graph runs them side by side. Each request is still counted against Microsoft's limits and answered on its
	 * own, so each is recorded in the metrics under its own operation (with the batch's time), and the batch under
	 * {@code batch}. Requests answered 429 with a short Retry-After go again in a new batch after the longest wait,
	 * as in {@link #call}; every other answer is returned by the request's id, a failure typed as the request sent
	 * alone would have thrown it, for the caller to raise. A request the batch came back without is answered with a
	 * transient failure.
	 */
	public Map<String, BatchAnswer> batch(URI batchUri, List<BatchRequest> requests) {
		if (requests.isEmpty() || requests.size() > MAX_BATCH) {
			throw new IllegalArgumentException("a Graph batch holds 1 to " + MAX_BATCH + " requests");
		}
		Map<String, BatchAnswer> answers = new LinkedHashMap<>();
		List<BatchRequest> pending = requests;
		OptionalLong lane = this.lanes.current();
		int attempt = 0;
		while (!pending.isEmpty()) {
			attempt++;
			Duration held = Duration.ZERO;
			for (BatchRequest request : pending) {
				Duration left = this.holds.remaining(TenantApi.GRAPH, request.operation());
				held = (left.compareTo(held) > 0) ? left : held;
			}
			awaitHold(TenantApi.GRAPH, "batch", held, lane);
			String payload = batchPayload(pending);
			long started = System.nanoTime();
			JsonNode body = call(TenantApi.GRAPH, "batch",
					(rest) -> rest.post().uri(batchUri).contentType(MediaType.APPLICATION_JSON).body(payload),
					(status, answer) -> answer);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			Map<String, JsonNode> byId = new HashMap<>();
			JsonNode responses = (body != null) ? body.path("responses") : null;
			if (responses != null && responses.isArray()) {
				// Graph answers in any order; the id ties an answer to its request.
				responses.forEach((r) -> byId.put(r.path("id").asText(""), r));
			}
			List<BatchRequest> again = new ArrayList<>();
			Duration wait = Duration.ZERO;
			for (BatchRequest request : pending) {
				JsonNode response = byId.get(request.id());
				if (response == null) {
					answers.put(request.id(), new BatchAnswer(null, new TenantTransientException(TenantApi.GRAPH,
							request.operation(), 0, null, "the batch came back without an answer to this request", null,
							null)));
					continue;
				}
				int status = response.path("status").asInt(0);
				HttpHeaders headers = headers(response.path("headers"));
				JsonNode answer = response.hasNonNull("body") ? response.get("body") : null;
				this.metrics.record(TenantApi.GRAPH, request.operation(), status, took);
				if (status >= 500) {
					this.reachability.failed(TenantApi.GRAPH + " " + request.operation() + ": HTTP " + status);
				}
				if (status == 429 && attempt < this.properties.maxAttempts()) {
					Duration after = TenantErrors.retryAfter(headers);
					Duration retryIn = (after != null) ? after : this.properties.throttleBackoff().multipliedBy(attempt);
					this.holds.hold(TenantApi.GRAPH, request.operation(), retryIn);
					this.lanes.throttled(lane, retryIn);
					if (retryIn.compareTo(this.properties.maxInlineRetryWait()) <= 0) {
						again.add(request);
						wait = (retryIn.compareTo(wait) > 0) ? retryIn : wait;
						continue;
					}
				}
				if (status < 200 || status >= 300) {
					answers.put(request.id(), new BatchAnswer(null,
							TenantErrors.fromResponse(TenantApi.GRAPH, request.operation(), status, headers, answer)));
				}
				else {
					answers.put(request.id(), new BatchAnswer(answer, null));
				}
			}
			if (!again.isEmpty()) {
				pause(TenantApi.GRAPH, "batch", wait, lane);
			}
			pending = again;
		}
		return answers;
	}

	/**
	 * The items ({@code value}) of a first page and of every page its {@code @odata.nextLink} leads to, as both APIs
	 * page: {@code nextPage} fetches each link, at most {@link TenantProperties#maxPages()} pages. A link is followed
	 * only to the host of {@code origin}.
	 */
	public List<JsonNode> items(TenantApi api, String operation, URI origin, JsonNode firstPage,
			Function<URI, JsonNode> nextPage) {
		List<JsonNode> items = new ArrayList<>();
		JsonNode body = firstPage;
		int pages = 0;
		while (body != null) {
			body.path("value").forEach(items::add);
			JsonNode link = body.get("@odata.nextLink");
			if (link == null || link.isNull()) {
				break;
			}
			if (++pages >= this.properties.maxPages()) {
				throw TenantErrors.tooManyPages(api, operation, this.properties.maxPages());
			}
			body = nextPage.apply(sameOrigin(api, operation, origin, link.asText()));
		}
		return items;
	}

	/**
	 * An answer, or an item of one, as the payload record it binds to. A shape the record cannot take is an
	 * {@link IllegalArgumentException}.
	 */
	public <T> T bind(JsonNode answer, Class<T> type) {
		// Microsoft's payloads are objects: anything else (no body, null, a stray value) has none of their fields.
		JsonNode object = (answer != null && answer.isObject()) ? answer : this.json.createObjectNode();
		try {
			return this.json.treeToValue(object, type);
		}
		catch (JsonProcessingException ex) {
			// The cause names the field; the message stays free of the tenant's text.
			throw new IllegalArgumentException("the answer does not read as a " + type.getSimpleName(), ex);
		}
	}

	/** Every item as the payload record it binds to. */
	public <T> List<T> bind(List<JsonNode> items, Class<T> type) {
		return items.stream().map((item) -> bind(item, type)).toList();
	}

	private String batchPayload(List<BatchRequest> requests) {
		ObjectNode payload = this.json.createObjectNode();
		ArrayNode array = payload.putArray("requests");
		for (BatchRequest request : requests) {
			array.addObject().put("id", request.id()).put("method", "GET").put("url", request.url());
		}
		return payload.toString();
	}

	private static HttpHeaders headers(JsonNode node) {
		HttpHeaders headers = new HttpHeaders();
		node.fields().forEachRemaining((field) -> headers.add(field.getKey(), field.getValue().asText()));
		return headers;
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

	/**
	 * Waits out what Microsoft's hold on the operation has left before sending it. A hold longer than the in-place
	 * wait parks a job's call unsent, as a short one does when its tenant's threads are asleep already: Microsoft said
	 * when to come back. A call outside a job (a person's request) goes, and the answer says what Microsoft thinks.
	 */
	private void awaitHold(TenantApi api, String operation, Duration held, OptionalLong lane) {
		if (held.isZero()) {
			return;
		}
		if (held.compareTo(this.properties.maxInlineRetryWait()) <= 0) {
			pause(api, operation, held, lane);
		}
		else if (lane.isPresent()) {
			this.metrics.parked(api, operation);
			throw TenantThrottledException.parked(api, operation, held);
		}
	}

	/**
	 * Waits in place when the tenant may keep one more thread asleep ({@link InPlaceWaits}); otherwise the job parks
	 * until then and its thread goes to other work, unsent calls and all.
	 */
	private void pause(TenantApi api, String operation, Duration wait, OptionalLong lane) {
		if (!this.lanes.mayWaitInPlace(lane)) {
			this.metrics.parked(api, operation);
			throw TenantThrottledException.parked(api, operation, wait);
		}
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TenantTransientException(api, operation, 0, null, "interrupted while waiting to retry", wait,
					ex);
		}
		finally {
			this.lanes.woke(lane);
		}
	}

}
