package org.soc.runbook.tenant;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the runbook's own tenant calls say about whether Microsoft can be reached: any HTTP answer below 500 counts as
 * reachable (a refusal is an answer), a 5xx or no answer at all as unreachable. Health reads it instead of spending
 * the tenant's rate limit on probes of its own.
 */
public final class TenantReachability {

	private final AtomicReference<Instant> lastReached = new AtomicReference<>();

	private final AtomicReference<Instant> lastFailed = new AtomicReference<>();

	private final AtomicReference<String> lastFailure = new AtomicReference<>();

	private final AtomicInteger failuresInARow = new AtomicInteger();

	void reached() {
		this.lastReached.set(Instant.now());
		this.failuresInARow.set(0);
	}

	void failed(String why) {
		this.lastFailed.set(Instant.now());
		this.lastFailure.set(why);
		this.failuresInARow.incrementAndGet();
	}

	/** When a call last got an answer, or null. */
	public Instant lastReached() {
		return this.lastReached.get();
	}

	/** When a call last got no answer or a 5xx, or null. */
	public Instant lastFailed() {
		return this.lastFailed.get();
	}

	/** Why the last failed call failed (bounded, no secrets), or null. */
	public String lastFailure() {
		return this.lastFailure.get();
	}

	/** Failed calls since the last answered one. */
	public int failuresInARow() {
		return this.failuresInARow.get();
	}

}
