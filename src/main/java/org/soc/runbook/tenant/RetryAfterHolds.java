package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Microsoft's Retry-After, kept for every thread of the node rather than only for the one that was told. In a wave
 * sixteen jobs run side by side; after a 429 the others would send the same operation into the same throttle, each
 * get its own 429 and wait, and all retry at the same moment: sixteen refusals where one was needed, each one more
 * request while the limit is reached (src/docs/operations.md, "When Microsoft or the database misbehaves").
 * <p>
 * Held per API and operation, because Microsoft's limits are per service and resource: Identity Protection's one
 * request a second must not hold password resets. A hold longer than the client waits in place is not waited for
 * ({@code TenantHttp}): every job that would send the operation parks until then ({@code ThrottledJobsWait}), the
 * one that was told and the others alike, so a long Retry-After never keeps a thread asleep.
 */
final class RetryAfterHolds {

	/** The engine's time: a parked job waits by its due date, which is in that time. */
	private final Supplier<Instant> engine;

	/** The wall's time, which never jumps: a hold ends when either says it has. */
	private final Supplier<Instant> wall;

	private final ConcurrentMap<String, End> until = new ConcurrentHashMap<>();

	RetryAfterHolds(Supplier<Instant> engine) {
		this(engine, Instant::now);
	}

	RetryAfterHolds(Supplier<Instant> engine, Supplier<Instant> wall) {
		this.engine = engine;
		this.wall = wall;
	}

	/** Microsoft just said to wait {@code wait} before sending {@code operation} again. */
	void hold(TenantApi api, String operation, Duration wait) {
		// The latest answer is Microsoft's latest word, shorter or longer than an earlier one.
		this.until.put(key(api, operation), new End(this.engine.get().plus(wait), this.wall.get().plus(wait)));
	}

	/**
	 * How long {@code operation} is still held; zero when it may go now. In production both clocks agree; where the
	 * engine's is moved (tests, a clock set back) a hold still never outlasts the wait Microsoft asked for.
	 */
	Duration remaining(TenantApi api, String operation) {
		String key = key(api, operation);
		End end = this.until.get(key);
		if (end == null) {
			return Duration.ZERO;
		}
		Duration byEngine = Duration.between(this.engine.get(), end.engine());
		Duration byWall = Duration.between(this.wall.get(), end.wall());
		Duration left = (byEngine.compareTo(byWall) < 0) ? byEngine : byWall;
		if (left.isNegative() || left.isZero()) {
			// Another 429 may have moved the end since it was read: only this end is forgotten.
			this.until.remove(key, end);
			return Duration.ZERO;
		}
		return left;
	}

	/** When a hold ends, in the engine's time and the wall's. */
	private record End(Instant engine, Instant wall) {
	}

	private static String key(TenantApi api, String operation) {
		return api.name() + ' ' + operation;
	}

}
