package org.soc.runbook.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one way into the simulated tenant for every HTTP request: injected latency, token check, injected faults and
 * missing permissions, the operation itself under the tenant's lock, the error in the API's own shape, and the
 * call-log entry. Keeping it in one place keeps the three controllers to the wire format.
 */
final class SimulatorGate {

	static final String GRAPH_AUDIENCE = "https://graph.microsoft.com";

	static final String EXCHANGE_AUDIENCE = "https://outlook.office365.com";

	/** The call-log parameter that ties the requests of one JSON batch together: the batch's number. */
	static final String BATCH_PARAMETER = "$batch";

	private final SimulatedTenants tenants;

	/** The tenant this thread is answering a request of; null between requests. */
	private final ThreadLocal<SimulatedTenant> current = new ThreadLocal<>();

	private final ObjectMapper json;

	private final AtomicLong batches = new AtomicLong();

	/** The number of the batch this thread is answering the requests of; null outside a batch. */
	private final ThreadLocal<Long> batch = new ThreadLocal<>();

	SimulatorGate(SimulatedTenants tenants, ObjectMapper json) {
		this.tenants = tenants;
		this.json = json;
	}

	/** The tenant of the request being answered (the primary one outside a request). */
	SimulatedTenant tenant() {
		SimulatedTenant answering = this.current.get();
		return (answering != null) ? answering : this.tenants.primary();
	}

	/**
	 * A request to the tenant its path names (the token endpoint, Exchange Online); an unknown tenant is answered by
	 * the primary one, which refuses it as Microsoft does.
	 */
	ResponseEntity<?> handle(String tenantId, SimulatedApi api, String operation, String authorization, String target,
			Map<String, String> parameters, Supplier<ResponseEntity<?>> action) {
		SimulatedTenant named = this.tenants.byTenantId(tenantId);
		return answer((named != null) ? named : this.tenants.primary(), api, operation, authorization, target,
				parameters, action);
	}

	/** A new JSON object for an answer. */
	ObjectNode object() {
		return this.json.createObjectNode();
	}

	/** A body as JSON, as an answer inside a batch carries it. */
	JsonNode tree(Object body) {
		return this.json.valueToTree(body);
	}

	/** A request to the tenant that issued its token (Graph names no tenant in its paths). */
	ResponseEntity<?> handle(SimulatedApi api, String operation, String authorization, String target,
			Map<String, String> parameters, Supplier<ResponseEntity<?>> action) {
		SimulatedTenant answering = this.current.get();
		return answer((answering != null) ? answering : this.tenants.issuerOf(authorization), api, operation,
				authorization, target, parameters, action);
	}

	private ResponseEntity<?> answer(SimulatedTenant tenant, SimulatedApi api, String operation, String authorization,
			String target, Map<String, String> parameters, Supplier<ResponseEntity<?>> action) {
		SimulatedTenant outer = this.current.get();
		this.current.set(tenant);
		try {
			return answerAs(tenant, api, operation, authorization, target, parameters, action);
		}
		finally {
			if (outer == null) {
				this.current.remove();
			}
		}
	}

	private ResponseEntity<?> answerAs(SimulatedTenant tenant, SimulatedApi api, String operation,
			String authorization, String target, Map<String, String> parameters,
			Supplier<ResponseEntity<?>> action) {
		Long inBatch = this.batch.get();
		if (inBatch == null) {
			pause(tenant.faults().latency());
		}
		ResponseEntity<?> response;
		try {
			if (api != SimulatedApi.TOKEN) {
				tenant.authenticate(authorization,
						(api == SimulatedApi.GRAPH) ? GRAPH_AUDIENCE : EXCHANGE_AUDIENCE);
			}
			SimulatedError fault = tenant.faults().faultFor(api);
			if (fault != null) {
				throw new SimulatedError.Raised(fault);
			}
			if (tenant.faults().isForbidden(operation)) {
				throw (api == SimulatedApi.EXCHANGE)
						? SimulatedError.raise(403, "AccessDenied",
								"The user or application isn't allowed to run '" + operation + "'.")
						: SimulatedError.raise(403, "Authorization_RequestDenied",
								"Insufficient privileges to complete the operation.");
			}
			synchronized (tenant) {
				response = action.get();
			}
		}
		catch (SimulatedError.Raised raised) {
			response = render(api, raised.error());
		}
		Map<String, String> logged = parameters;
		if (inBatch != null) {
			logged = new LinkedHashMap<>(parameters);
			logged.put(BATCH_PARAMETER, inBatch.toString());
		}
		tenant.record(api, operation, target, logged, response.getStatusCode().value());
		return response;
	}

	/**
	 * A Graph JSON batch: one round trip (the latency once, as Graph runs the requests side by side), the token
	 * checked for the whole batch, and {@code requests} answering each request through {@link #handle}, so that
	 * each meets its own faults, permissions and throttling and is logged as a call of its own. The batch itself is
	 * not a call in the log unless it is refused as a whole: Microsoft counts the requests in it against its limits,
	 * not the batch.
	 */
	ResponseEntity<?> batch(String authorization, Supplier<ResponseEntity<?>> requests) {
		SimulatedTenant tenant = this.tenants.issuerOf(authorization);
		pause(tenant.faults().latency());
		this.current.set(tenant);
		try {
			tenant.authenticate(authorization, GRAPH_AUDIENCE);
			this.batch.set(this.batches.incrementAndGet());
			return requests.get();
		}
		catch (SimulatedError.Raised raised) {
			// Refused as a whole (its token, its shape): logged, unlike a batch that was answered.
			tenant.record(SimulatedApi.GRAPH, BATCH_PARAMETER, "", Map.of(), raised.error().status());
			return render(SimulatedApi.GRAPH, raised.error());
		}
		finally {
			this.batch.remove();
			this.current.remove();
		}
	}

	private ResponseEntity<?> render(SimulatedApi api, SimulatedError error) {
		Instant now = tenant().clock().instant();
		ObjectNode body = object();
		switch (api) {
			case TOKEN -> {
				String trace = UUID.randomUUID().toString();
				String correlation = UUID.randomUUID().toString();
				body.put("error", error.code());
				body.put("error_description", error.message() + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: "
						+ correlation + "\r\nTimestamp: " + now);
				String digits = error.message().replaceAll("^AADSTS(\\d+):.*$", "$1");
				body.putArray("error_codes").add(digits.matches("\\d+") ? Long.parseLong(digits) : 0);
				body.put("timestamp", now.toString());
				body.put("trace_id", trace);
				body.put("correlation_id", correlation);
			}
			case GRAPH -> {
				ObjectNode inner = body.putObject("error")
					.put("code", error.code())
					.put("message", error.message())
					.putObject("innerError");
				inner.put("date", now.toString());
				inner.put("request-id", UUID.randomUUID().toString());
				inner.put("client-request-id", UUID.randomUUID().toString());
			}
			case EXCHANGE -> {
				ObjectNode inner = body.putObject("error");
				if (error.code().contains(".")) {
					// A cmdlet's own failure: details[].message is "id|.NET exception type|text".
					inner.put("code", HttpStatus.valueOf(error.status()).name());
					inner.put("message", "Error executing cmdlet");
					String id = "Ex" + Integer.toHexString(error.code().hashCode() & 0xFFFFFF).toUpperCase();
					inner.putArray("details")
						.addObject()
						.put("message", id + "|" + error.code() + "|" + error.message());
					inner.putObject("innererror").put("type", error.code()).put("message", error.message());
				}
				else {
					inner.put("code", error.code()).put("message", error.message());
				}
			}
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (error.retryAfter() != null) {
			builder.header(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfter().toSeconds()));
		}
		return builder.body(body);
	}

	private static void pause(Duration latency) {
		if (latency.isZero() || latency.isNegative()) {
			return;
		}
		try {
			Thread.sleep(latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
