package org.soc.runbook.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per user and per address they come from, and how long the next try from there must wait: nothing
 * for the first few, then a wait that doubles with each further failure up to a ceiling, and that expires on its own.
 * An attacker guessing from one address slows down only there; the user, from their own desk, signs in as before.
 * A try is counted as a failure before its password is checked, in one step with the look at the wait, so that
 * guesses sent side by side are counted as one after the other; a success takes it back and clears the count, and
 * so does an administrator's unlock. Kept in memory, per node.
 */
final class SignInThrottle {

	/** At most this many user and address pairs are remembered; a flood of made-up names cannot fill the memory. */
	static final int CAPACITY = 10_000;

	private final SignInProperties properties;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	SignInThrottle(SignInProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Asks to try a password of the user from the address: zero when the try may go ahead (it now counts as a
	 * failure until {@link #succeeded} says otherwise), else how much longer to wait (and the try does not count, so a
	 * person retrying does not make the wait longer).
	 */
	Duration attempt(String user, String source) {
		Instant now = this.clock.instant();
		if (this.failures.size() >= CAPACITY) {
			makeRoom(now);
		}
		Duration[] wait = { Duration.ZERO };
		this.failures.compute(key(user, source), (key, old) -> {
			Failures current = (old == null || expired(old, now)) ? null : old;
			if (current != null) {
				Duration left = Duration.between(now, current.last().plus(delay(current.count())));
				if (!left.isNegative() && !left.isZero()) {
					wait[0] = left;
					return current;
				}
			}
			return new Failures((current != null) ? current.count() + 1 : 1, now);
		});
		return wait[0];
	}

	/** The failures in a row from there, the try now being checked included. */
	int failures(String user, String source) {
		Failures failed = this.failures.get(key(user, source));
		return (failed != null) ? failed.count() : 0;
	}

	/** The password was right: the count starts again. */
	void succeeded(String user, String source) {
		this.failures.remove(key(user, source));
	}

	/** An administrator unlocked the user: every address may try again at once. */
	void unlock(String user) {
		String prefix = normal(user) + "\n";
		this.failures.keySet().removeIf((key) -> key.startsWith(prefix));
	}

	/** The wait after this many failures in a row. */
	Duration delay(int count) {
		int beyond = count - this.properties.freeFailures();
		if (beyond <= 0) {
			return Duration.ZERO;
		}
		Duration delay = this.properties.firstDelay().multipliedBy(1L << Math.min(beyond - 1, 30));
		return (delay.compareTo(this.properties.longestDelay()) > 0) ? this.properties.longestDelay() : delay;
	}

	/**
	 * Forgets what no longer counts: expired failures, then the ones that cost no wait yet, then the oldest. Never
	 * all at once, so that a flood of made-up names does not wash out the waits that matter.
	 */
	private void makeRoom(Instant now) {
		this.failures.values().removeIf((failed) -> expired(failed, now));
		if (this.failures.size() >= CAPACITY) {
			this.failures.values().removeIf((failed) -> failed.count() <= this.properties.freeFailures());
		}
		if (this.failures.size() >= CAPACITY) {
			List<String> oldest = this.failures.entrySet()
				.stream()
				.sorted(Comparator.comparing((Map.Entry<String, Failures> entry) -> entry.getValue().last()))
				.limit(CAPACITY / 2)
				.map(Map.Entry::getKey)
				.toList();
			oldest.forEach(this.failures::remove);
		}
	}

	private boolean expired(Failures failed, Instant now) {
		return failed.last().plus(this.properties.forgetAfter()).isBefore(now);
	}

	private static String key(String user, String source) {
		return normal(user) + "\n" + source;
	}

	private static String normal(String user) {
		return (user != null) ? user.trim().toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * Failures in a row.
	 *
	 * @param count how many
	 * @param last when the last one was tried
	 */
	private record Failures(int count, Instant last) {
	}

}
