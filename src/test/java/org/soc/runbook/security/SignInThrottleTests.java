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
		for (int i = 0; i < 3; i++) {
			this.throttle.failed("secadmin", "10.0.0.66");
		}
		assertThat(this.throttle.wait("secadmin", "10.0.0.66")).isZero();
		this.throttle.failed("secadmin", "10.0.0.66");
		assertThat(this.throttle.wait("secadmin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(1));
		this.throttle.failed("secadmin", "10.0.0.66");
		assertThat(this.throttle.wait("secadmin", "10.0.0.66")).isEqualTo(Duration.ofSeconds(2));
		for (int i = 0; i < 20; i++) {
			this.throttle.failed("secadmin", "10.0.0.66");
		}
		assertThat(this.throttle.wait("secadmin", "10.0.0.66")).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void theAttackersAddressWaitsAndTheUsersOwnDoesNot() {
		for (int i = 0; i < 30; i++) {
			this.throttle.failed("secadmin", "203.0.113.9");
		}
		assertThat(this.throttle.wait("secadmin", "203.0.113.9")).isPositive();
		assertThat(this.throttle.wait("secadmin", "10.1.2.3")).isZero();
		assertThat(this.throttle.wait("analyst", "203.0.113.9")).as("another user from there").isZero();
	}

	@Test
	void theWaitExpiresOnItsOwnAndASuccessOrAnUnlockClearsIt() {
		for (int i = 0; i < 12; i++) {
			this.throttle.failed("admin", "10.0.0.66");
		}
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(this.throttle.wait("admin", "10.0.0.66")).as("no lock for good after twelve failures").isZero();
		this.throttle.failed("admin", "10.0.0.66");
		assertThat(this.throttle.wait("admin", "10.0.0.66")).isEqualTo(Duration.ofMinutes(5));
		this.throttle.unlock("ADMIN");
		assertThat(this.throttle.wait("admin", "10.0.0.66")).isZero();
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("admin", "10.0.0.66");
		}
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(this.throttle.wait("admin", "10.0.0.66")).isZero();
		assertThat(this.throttle.failed("admin", "10.0.0.66")).as("forgotten, counted afresh").isOne();
		this.throttle.succeeded("admin", "10.0.0.66");
		assertThat(this.throttle.failed("admin", "10.0.0.66")).isOne();
	}

	@Test
	void aFloodOfMadeUpNamesDoesNotGrowWithoutEnd() {
		for (int i = 0; i < SignInThrottle.CAPACITY + 500; i++) {
			this.throttle.failed("made-up-" + i, "203.0.113.9");
		}
		assertThat(this.throttle.wait("made-up-" + (SignInThrottle.CAPACITY + 499), "203.0.113.9")).isZero();
		assertThat(this.throttle.failed("made-up-1", "203.0.113.9")).isOne();
	}

}
