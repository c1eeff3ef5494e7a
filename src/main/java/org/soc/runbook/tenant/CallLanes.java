package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Containment first when Microsoft throttles. Every tenant call goes in the lane of the job that makes it, its job
 * priority: containment 200, evidence 100, everything else 0 (the models set them). When Microsoft tells a call to
 * wait, every lower lane waits as long, and {@link #GRACE} longer: the budget that comes back goes to the calls that
 * shut the attacker out, not to reads for the review. Without it, the job executor's priorities order only the jobs
 * that are due; a throttled containment job waits for its Retry-After while due evidence jobs spend the budget, and
 * in a throttled wave the last account was contained only when the last evidence was read, twice the least time the
 * limit allows (src/docs/performance.md).
 * <p>
 * One for both APIs of a tenant: Microsoft does not say which of its limits Graph and Exchange Online share, and a few
 * seconds of evidence are cheaper than a few seconds more of an attacker's access. A call made outside a job (a
 * person's request, the preflight) has no lane: it is never held and holds nothing back.
 */
final class CallLanes {

	/**
	 * How much longer than the higher lane's Retry-After a lower lane waits: the higher lane's calls go again exactly
	 * at the Retry-After, and should meet the budget before the lower lane's do.
	 */
	static final Duration GRACE = Duration.ofMillis(500);

	/**
	 * Graph's own request priority: when Graph throttles, it throttles low first, then normal, then high
	 * (https://learn.microsoft.com/graph/throttling). It does not change the limits.
	 */
	static final String GRAPH_PRIORITY_HEADER = "x-ms-throttle-priority";

	/** The lane from which a Graph call asks for {@code high}: containment. */
	static final long CONTAINMENT = 200;

	/** The lane from which a Graph call asks for {@code normal}: evidence; below it, {@code low}. */
	static final long EVIDENCE = 100;

	private final TenantCallLane lane;

	private final InPlaceWaits.Share waits;

	/** By lane: until when the lanes below it wait. */
	private final ConcurrentSkipListMap<Long, Instant> holdsBelow = new ConcurrentSkipListMap<>();

	/**
	 * @param lane the lane of the calling thread's work (the priority of the job it runs), empty outside a job, and
	 * the time
	 */
	CallLanes(TenantCallLane lane) {
		this(lane, InPlaceWaits.unlimited().of(RunbookTenant.SINGLE));
	}

	/** @param waits the tenant's share of the job threads that may wait out a Retry-After in place */
	CallLanes(TenantCallLane lane, InPlaceWaits.Share waits) {
		this.lane = lane;
		this.waits = waits;
	}

	/** Lanes for clients used without the engine (tests): no call is ever held. */
	static CallLanes none() {
		return new CallLanes(OptionalLong::empty);
	}

	/** The time holds are kept in: the engine's, by which a parked job becomes due. */
	Instant now() {
		return this.lane.now();
	}

	/** The calling thread's lane. */
	OptionalLong current() {
		return this.lane.current();
	}

	/** A call in {@code lane} was told to wait {@code wait}: the lanes below wait as long, and the grace longer. */
	void throttled(OptionalLong lane, Duration wait) {
		if (lane.isEmpty()) {
			return;
		}
		Instant until = this.lane.now().plus(wait).plus(GRACE);
		// Several calls of the lane may be told at once: the latest end counts.
		this.holdsBelow.merge(lane.getAsLong(), until, (a, b) -> a.isAfter(b) ? a : b);
	}

	/** The Graph priority a call in {@code lane} asks for; none outside a job (Graph's default, normal). */
	static String graphPriority(OptionalLong lane) {
		if (lane.isEmpty()) {
			return null;
		}
		long priority = lane.getAsLong();
		return (priority >= CONTAINMENT) ? "high" : (priority >= EVIDENCE) ? "normal" : "low";
	}

	/**
	 * True when a call in {@code lane} may sleep through a wait in place, taking one of its tenant's in-place waits
	 * (given back with {@link #woke}); false when its job should park instead. Outside a job it always may: a person
	 * or the preflight waits for the answer.
	 */
	boolean mayWaitInPlace(OptionalLong lane) {
		return lane.isEmpty() || this.waits.enter();
	}

	/** A call that {@link #mayWaitInPlace may wait in place} is awake again. */
	void woke(OptionalLong lane) {
		if (lane.isPresent()) {
			this.waits.leave();
		}
	}

	/** How long a call in {@code lane} still waits for the higher lanes' calls; zero when it may go. */
	Duration heldFor(OptionalLong lane) {
		if (lane.isEmpty() || this.holdsBelow.isEmpty()) {
			return Duration.ZERO;
		}
		Instant now = this.lane.now();
		Instant longest = null;
		for (Map.Entry<Long, Instant> higher : this.holdsBelow.tailMap(lane.getAsLong(), false).entrySet()) {
			if (!higher.getValue().isAfter(now)) {
				// Over: forgotten, unless a new Retry-After moved it since it was read.
				this.holdsBelow.remove(higher.getKey(), higher.getValue());
			}
			else if (longest == null || higher.getValue().isAfter(longest)) {
				longest = higher.getValue();
			}
		}
		return (longest == null) ? Duration.ZERO : Duration.between(now, longest);
	}

}
