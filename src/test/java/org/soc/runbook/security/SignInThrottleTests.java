package org.soc.runbook.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.soc.runbook.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link SignInThrottle}: the wait grows per user and address, expires, and never locks for good. */
class SignInThrottleTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));

	private final SignInThrottle throttle = new SignInThrottle(
			new SignInProperties(3, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15)), this.clock);

	@Test
	void aFewMistakesCostNothingThenTheWaitDoublesUpToTheCeiling() {
		fail("secadmin", "10.0.0.66", 3);
		assertThat(this.throttle.attempt("secadmin", "10.0.0.66")).as("the fourth try may go ahead").isZero();
		assertThat(this.throttle.attempt("secadmin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.attempt("secadmin", "10.0.0.66")).isZero();
		assertThat(this.throttle.attempt("secadmin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(2));
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofMinutes(5));
			this.throttle.attempt("secadmin", "10.0.0.66");
		}
		assertThat(this.throttle.attempt("secadmin", "10.0.0.66")).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void triesSentSideBySideAreCountedOneAfterTheOther() {
		// Four tries in the same instant, as parallel requests would arrive: the fourth is already kept waiting.
		assertThat(this.throttle.attempt("admin", "203.0.113.9")).isZero();
		assertThat(this.throttle.attempt("admin", "203.0.113.9")).isZero();
		assertThat(this.throttle.attempt("admin", "203.0.113.9")).isZero();
		assertThat(this.throttle.attempt("admin", "203.0.113.9")).isZero();
		assertThat(this.throttle.attempt("admin", "203.0.113.9")).isPositive();
		assertThat(this.throttle.failures("admin", "203.0.113.9")).as("a refused try does not count").isEqualTo(4);
	}

	@Test
	void theAttackersAddressWaitsAndTheUsersOwnDoesNot() {
		fail("secadmin", "203.0.113.9", 30);
		assertThat(this.throttle.attempt("secadmin", "203.0.113.9")).isPositive();
		assertThat(this.throttle.attempt("secadmin", "10.1.2.3")).isZero();
		assertThat(this.throttle.attempt("analyst", "203.0.113.9")).as("another user from there").isZero();
	}

	@Test
	void theWaitExpiresOnItsOwnAndASuccessOrAnUnlockClearsIt() {
		fail("admin", "10.0.0.66", 12);
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(this.throttle.attempt("admin", "10.0.0.66")).as("no lock for good after twelve failures").isZero();
		this.throttle.unlock("ADMIN");
		assertThat(this.throttle.failures("admin", "10.0.0.66")).isZero();
		fail("admin", "10.0.0.66", 5);
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(this.throttle.attempt("admin", "10.0.0.66")).isZero();
		assertThat(this.throttle.failures("admin", "10.0.0.66")).as("forgotten, counted afresh").isOne();
		this.throttle.succeeded("admin", "10.0.0.66");
		assertThat(this.throttle.failures("admin", "10.0.0.66")).isZero();
	}

	@Test
	void aFloodOfMadeUpNamesDoesNotWashOutTheWaitsThatMatter() {
		fail("secadmin", "203.0.113.9", 10);
		for (int i = 0; i < SignInThrottle.CAPACITY + 500; i++) {
			this.throttle.attempt("made-up-" + i, "203.0.113.9");
		}
		assertThat(this.throttle.attempt("secadmin", "203.0.113.9")).as("still waiting").isPositive();
	}

	/** Tries the user's password from there this many times, each when allowed, all wrong. */
	private void fail(String user, String source, int times) {
		for (int i = 0; i < times; i++) {
			Duration wait = this.throttle.attempt(user, source);
			if (!wait.isZero()) {
				this.clock.advance(wait);
				this.throttle.attempt(user, source);
			}
		}
	}

}
