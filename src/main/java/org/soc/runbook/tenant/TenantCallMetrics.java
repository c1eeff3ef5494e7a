package org.soc.runbook.tenant;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Every answer (or silence) of the tenant, counted and timed by tenant, API, operation and result: the figures to plan
 * against Microsoft's throttling with. Each attempt counts, so a call retried in place after a 429 shows as one
 * {@code throttled} and one {@code success}; 429s are also counted on their own in {@code runbook.tenant.throttled}.
 * The operation is the Graph operation or cmdlet name (a fixed set), never a user or an address.
 */
public final class TenantCallMetrics {

	static final String CALLS = "runbook.tenant.calls";

	static final String THROTTLED = "runbook.tenant.throttled";

	static final String HELD = "runbook.tenant.held";

	static final String PARKED = "runbook.tenant.parked";

	private final MeterRegistry registry;

	/** The key of the tenant whose calls these are (the {@code tenant} label). */
	private final String tenant;

	public TenantCallMetrics(MeterRegistry registry) {
		this(registry, RunbookTenant.SINGLE);
	}

	private TenantCallMetrics(MeterRegistry registry, String tenant) {
		this.registry = registry;
		this.tenant = tenant;
	}

	/** The same metrics for one tenant's calls: each tenant's budget is its own, and so are its figures. */
	TenantCallMetrics forTenant(String key) {
		return new TenantCallMetrics(this.registry, key);
	}

	/** Metrics nobody reads: for clients built outside the application (tests, tools). */
	static TenantCallMetrics none() {
		return new TenantCallMetrics(null);
	}

	/** One attempt: its HTTP status (0: no answer) and how long it took. */
	void record(TenantApi api, String operation, int status, Duration took) {
		if (this.registry == null) {
			return;
		}
		String apiTag = api.name().toLowerCase(Locale.ROOT);
		Timer.builder(CALLS)
			.description("Calls to the Microsoft 365 tenant by API, operation and result")
			.tag("tenant", this.tenant)
			.tag("api", apiTag)
			.tag("operation", operation)
			.tag("result", result(status))
			.register(this.registry)
			.record(took);
		if (status == 429) {
			Counter.builder(THROTTLED)
				.description("Answers 429 (throttled) from the tenant by API and operation")
				.tag("tenant", this.tenant)
				.tag("api", apiTag)
				.tag("operation", operation)
				.register(this.registry)
				.increment();
		}
	}

	/**
	 * A call not sent because Microsoft made a higher lane's call wait ({@link CallLanes}): how often the evidence
	 * and the rest gave way to containment.
	 */
	void held(TenantApi api, String operation) {
		count(HELD, "Tenant calls held back unsent while containment calls waited for Microsoft's budget", api,
				operation);
	}

	/**
	 * A job that would have waited out Microsoft's Retry-After in place, parked instead because its tenant's share
	 * of the job threads was asleep already ({@link InPlaceWaits}): many of these with every tenant's calls short of
	 * its limit say the job executor has too few threads for the tenants throttled at once.
	 */
	void parked(TenantApi api, String operation) {
		count(PARKED, "Tenant calls whose jobs parked until Microsoft's Retry-After instead of waiting in place", api,
				operation);
	}

	private void count(String name, String description, TenantApi api, String operation) {
		if (this.registry == null) {
			return;
		}
		Counter.builder(name)
			.description(description)
			.tag("tenant", this.tenant)
			.tag("api", api.name().toLowerCase(Locale.ROOT))
			.tag("operation", operation)
			.register(this.registry)
			.increment();
	}

	static String result(int status) {
		if (status == 0) {
			return "no_answer";
		}
		if (status == 429) {
			return "throttled";
		}
		if (status >= 500) {
			return "server_error";
		}
		if (status >= 400) {
			return "client_error";
		}
		return "success";
	}

}
