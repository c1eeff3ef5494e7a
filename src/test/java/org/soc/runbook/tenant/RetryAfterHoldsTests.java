package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfterHolds}: an operation is held for Microsoft's Retry-After in the engine's time, by which
 * parked jobs become due, and never longer than the wait asked for, whatever is done to the engine's clock.
 */
class RetryAfterHoldsTests {

	private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

	private Instant engine = START;

	private Instant wall = START;

	private final RetryAfterHolds holds = new RetryAfterHolds(() -> this.engine, () -> this.wall);

	@Test
	void anOperationIsHeldForTheRetryAfterAndOthersAreNot() {
		this.holds.hold(TenantApi.GRAPH, "resetPassword", Duration.ofSeconds(2));
		tick(Duration.ofSeconds(1));

		assertThat(this.holds.remaining(TenantApi.GRAPH, "resetPassword")).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.holds.remaining(TenantApi.GRAPH, "getUser")).isZero();
		assertThat(this.holds.remaining(TenantApi.EXCHANGE, "resetPassword")).isZero();
		tick(Duration.ofSeconds(1));
		assertThat(this.holds.remaining(TenantApi.GRAPH, "resetPassword")).isZero();
	}

	@Test
	void theEnginesClockMovedOnEndsAHoldAsItMakesParkedJobsDue() {
		this.holds.hold(TenantApi.EXCHANGE, "Get-BlockedSenderAddress", Duration.ofSeconds(20));
		this.engine = this.engine.plusSeconds(21);

		assertThat(this.holds.remaining(TenantApi.EXCHANGE, "Get-BlockedSenderAddress")).isZero();
	}

	@Test
	void aHoldMadeWhileTheEnginesClockWasAheadDoesNotOutlastItsWaitOnceTheClockIsSetBack() {
		this.engine = START.plus(Duration.ofHours(4));
		this.holds.hold(TenantApi.GRAPH, "getUser", Duration.ofSeconds(2));
		this.engine = START;

		assertThat(this.holds.remaining(TenantApi.GRAPH, "getUser")).isEqualTo(Duration.ofSeconds(2));
		this.wall = this.wall.plusSeconds(2);
		assertThat(this.holds.remaining(TenantApi.GRAPH, "getUser")).as("not four hours").isZero();
	}

	private void tick(Duration duration) {
		this.engine = this.engine.plus(duration);
		this.wall = this.wall.plus(duration);
	}

}
