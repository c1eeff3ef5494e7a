package org.soc.runbook.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per user and per address they come from, and how long the next try from there must wait: nothing
 * for the first few, then a wait that doubles with each further failure up to a ceiling, and that expires on its own.
 * An attacker guessing from one address slows down only there; the user, from their own desk, signs in as before.
 * A success clears the count, and so does an administrator's unlock. Kept in memory, per node.
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

	/** How much longer a sign-in of the user from the address must wait; zero when it may be tried now. */
	Duration wait(String user, String source) {
		Failures failed = this.failures.get(key(user, source));
		if (failed == null) {
			return Duration.ZERO;
		}
		Instant now = this.clock.instant();
		if (failed.last().plus(this.properties.forgetAfter()).isBefore(now)) {
			this.failures.remove(key(user, source), failed);
			return Duration.ZERO;
		}
		Duration left = Duration.between(now, failed.last().plus(delay(failed.count())));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** Counts a failed sign-in; returns how many there have been in a row from there. */
	int failed(String user, String source) {
		Instant now = this.clock.instant();
		if (this.failures.size() >= CAPACITY) {
			forgetOld(now);
		}
		return this.failures
			.merge(key(user, source), new Failures(1, now),
					(old, one) -> new Failures(
							old.last().plus(this.properties.forgetAfter()).isBefore(now) ? 1 : old.count() + 1, now))
			.count();
	}

	/** The user signed in from there: the count starts again. */
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

	private void forgetOld(Instant now) {
		this.failures.values().removeIf((failed) -> failed.last().plus(this.properties.forgetAfter()).isBefore(now));
		if (this.failures.size() >= CAPACITY) {
			// Still full of recent failures: a flood. Forget them all rather than grow; the waits start again.
			this.failures.clear();
		}
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
	 * @param last when the last one was
	 */
	private record Failures(int count, Instant last) {
	}

}
