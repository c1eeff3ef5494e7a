package org.soc.runbook.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Faults the simulated tenant injects, for tests and demos: throttling (429 with or without Retry-After) for the next
 * calls, a share of calls or a time window; server errors likewise; added latency; operations the app registration
 * is not permitted to do. Without a list of APIs a fault applies to Graph and Exchange Online, not to the token
 * endpoint.
 */
public final class SimulatorFaults {

	private static final Set<SimulatedApi> RESOURCE_APIS = EnumSet.of(SimulatedApi.GRAPH, SimulatedApi.EXCHANGE);

	private final List<Rule> rules = new ArrayList<>();

	private final Set<String> forbidden = new HashSet<>();

	private Duration latency = Duration.ZERO;

	private Clock clock = Clock.systemUTC();

	private Random random = new Random(42);

	private double ratePerSecond;

	private int burst;

	private double tokens;

	private Instant refilledAt = Instant.EPOCH;

	/** The next {@code count} calls answer 429, with {@code retryAfter} (null: no Retry-After header). */
	public synchronized SimulatorFaults throttleNext(int count, Duration retryAfter, SimulatedApi... apis) {
		this.rules.add(new Rule(apis(apis), 429, retryAfter, count, 0, null));
		return this;
	}

	/** About {@code share} (0 to 1) of the calls answer 429, chosen by a seeded random so runs repeat. */
	public synchronized SimulatorFaults throttleShare(double share, Duration retryAfter, SimulatedApi... apis) {
		this.rules.add(new Rule(apis(apis), 429, retryAfter, -1, share, null));
		return this;
	}

	/** Every call answers 429 for the next {@code window}. */
	public synchronized SimulatorFaults throttleFor(Duration window, Duration retryAfter, SimulatedApi... apis) {
		this.rules.add(new Rule(apis(apis), 429, retryAfter, -1, 1.0, this.clock.instant().plus(window)));
		return this;
	}

	/** The next {@code count} calls answer with the server error {@code status} (500, 502, 503, 504). */
	public synchronized SimulatorFaults failNext(int count, int status, SimulatedApi... apis) {
		this.rules.add(new Rule(apis(apis), status, null, count, 0, null));
		return this;
	}

	/** The next {@code count} calls answer 503 with a Retry-After: the service says when it will answer again. */
	public synchronized SimulatorFaults unavailableNext(int count, Duration retryAfter, SimulatedApi... apis) {
		this.rules.add(new Rule(apis(apis), 503, retryAfter, count, 0, null));
		return this;
	}

	/** Every call answers with {@code status} for the next {@code window}: an outage. */
	public synchronized SimulatorFaults failFor(Duration window, int status, SimulatedApi... apis) {
		this.rules.add(new Rule(apis(apis), status, null, -1, 1.0, this.clock.instant().plus(window)));
		return this;
	}

	/** Every call waits this long before it is answered. */
	public synchronized SimulatorFaults latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/** The operation (e.g. {@code resetPassword}, {@code Remove-BlockedSenderAddress}) answers 403. */
	public synchronized SimulatorFaults forbid(String operation) {
		this.forbidden.add(operation);
		return this;
	}

	/** Removes every fault. */
	public synchronized SimulatorFaults clear() {
		this.rules.clear();
		this.forbidden.clear();
		this.latency = Duration.ZERO;
		this.random = new Random(42);
		this.ratePerSecond = 0;
		return this;
	}

	synchronized void useClock(Clock clock) {
		this.clock = clock;
	}

	synchronized Duration latency() {
		return this.latency;
	}

	synchronized boolean isForbidden(String operation) {
		return this.forbidden.contains(operation);
	}

	/**
	 * Microsoft's throttling as a token bucket over all Graph and Exchange calls: {@code perSecond} calls a second
	 * on average, bursts of up to {@code burst}; past it a 429 with the Retry-After that the next token needs.
	 */
	public synchronized SimulatorFaults rateLimit(double perSecond, int burst) {
		this.ratePerSecond = perSecond;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAt = this.clock.instant();
		return this;
	}

	private SimulatedError rateLimited(Instant now) {
		if (this.ratePerSecond <= 0) {
			return null;
		}
		double elapsed = Duration.between(this.refilledAt, now).toNanos() / 1e9;
		this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
		this.refilledAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return null;
		}
		long waitMillis = (long) Math.ceil((1 - this.tokens) / this.ratePerSecond * 1000);
		return new SimulatedError(429, "TooManyRequests", "Rate limit exceeded. Please retry again later.",
				Duration.ofSeconds(Math.max(1, (waitMillis + 999) / 1000)));
	}

	/** The fault for this call, if any; counts it against "next N" rules. */
	synchronized SimulatedError faultFor(SimulatedApi api) {
		Instant now = this.clock.instant();
		SimulatedError limited = RESOURCE_APIS.contains(api) ? rateLimited(now) : null;
		if (limited != null) {
			return limited;
		}
		this.rules.removeIf((rule) -> rule.until != null && now.isAfter(rule.until));
		for (Rule rule : this.rules) {
			if (!rule.apis.contains(api)) {
				continue;
			}
			boolean hit;
			if (rule.remaining > 0) {
				rule.remaining--;
				hit = true;
			}
			else {
				hit = rule.remaining < 0 && this.random.nextDouble() < rule.share;
			}
			if (hit) {
				this.rules.removeIf((r) -> r.remaining == 0);
				return (rule.status == 429)
						? new SimulatedError(429, "TooManyRequests", "Please retry again later.", rule.retryAfter)
						: new SimulatedError(rule.status, "serviceNotAvailable",
								"The service is temporarily unavailable. Please retry later.", rule.retryAfter);
			}
		}
		return null;
	}

	private static Set<SimulatedApi> apis(SimulatedApi... apis) {
		return (apis.length == 0) ? RESOURCE_APIS : EnumSet.of(apis[0], apis);
	}

	private static final class Rule {

		final Set<SimulatedApi> apis;

		final int status;

		final Duration retryAfter;

		/** Calls still to hit; -1 for rules that hit by share or window. */
		int remaining;

		final double share;

		final Instant until;

		Rule(Set<SimulatedApi> apis, int status, Duration retryAfter, int remaining, double share, Instant until) {
			this.apis = apis;
			this.status = status;
			this.retryAfter = retryAfter;
			this.remaining = remaining;
			this.share = share;
			this.until = until;
		}

	}

}
