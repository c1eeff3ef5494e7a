package org.soc.runbook.tenant;

import java.util.HashMap;
import java.util.Map;

/**
 * The job threads that may sleep through Microsoft's Retry-After in place, shared fairly among the tenants that are
 * throttled at the time. A call that waits in place goes the moment the budget is back; a job parked until then goes
 * only when the job acquisition picks it up again, tens of milliseconds later. But a sleeping thread runs no one
 * else's job: with ten tenants throttled at once, sixteen threads asleep on behalf of a few of them left the others'
 * jobs waiting and each tenant used only three quarters of its own limit (src/docs/performance.md, "Many tenants").
 * <p>
 * So one tenant throttled alone may have every thread wait in place, as before; with several, each tenant may have
 * its equal share of the threads asleep and no more, and a job beyond its tenant's share parks until the
 * Retry-After ({@code ThrottledJobsWait}), giving its thread to whoever has work.
 */
public final class InPlaceWaits {

	private final int threads;

	/** Threads asleep in place, by tenant key; a tenant with none is not in the map. */
	private final Map<String, Integer> asleep = new HashMap<>();

	private int total;

	/** @param threads the job executor's threads, all of which one tenant alone may have asleep */
	public InPlaceWaits(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("the job executor has at least one thread");
		}
		this.threads = threads;
	}

	/** No limit: for clients used without the engine (tests), whose calls are never parked. */
	static InPlaceWaits unlimited() {
		return new InPlaceWaits(Integer.MAX_VALUE);
	}

	/** The handle through which {@code tenant}'s calls ask for and give back a thread to sleep on. */
	Share of(String tenant) {
		return new Share(tenant);
	}

	/**
	 * A thread of {@code tenant} may sleep in place when fewer than all threads sleep and its tenant has fewer asleep
	 * than its equal share among the tenants with threads asleep, itself counted.
	 */
	synchronized boolean enter(String tenant) {
		int mine = this.asleep.getOrDefault(tenant, 0);
		int tenants = this.asleep.size() + ((mine == 0) ? 1 : 0);
		int share = Math.max(1, this.threads / tenants);
		if (mine >= share || this.total >= this.threads) {
			return false;
		}
		this.asleep.put(tenant, mine + 1);
		this.total++;
		return true;
	}

	synchronized void leave(String tenant) {
		Integer mine = this.asleep.get(tenant);
		if (mine == null) {
			return;
		}
		if (mine <= 1) {
			this.asleep.remove(tenant);
		}
		else {
			this.asleep.put(tenant, mine - 1);
		}
		this.total--;
	}

	/** Threads asleep in place now, all tenants together. */
	synchronized int asleep() {
		return this.total;
	}

	/** One tenant's part of the node's in-place waits. */
	final class Share {

		private final String tenant;

		private Share(String tenant) {
			this.tenant = tenant;
		}

		/** True when the calling thread may sleep in place; then it must {@link #leave()} when it wakes. */
		boolean enter() {
			return InPlaceWaits.this.enter(this.tenant);
		}

		void leave() {
			InPlaceWaits.this.leave(this.tenant);
		}

	}

}
