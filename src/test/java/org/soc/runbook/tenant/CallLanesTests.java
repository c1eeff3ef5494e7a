package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CallLanes}: whose calls wait when Microsoft throttles a higher lane's. */
class CallLanesTests {

	private static final OptionalLong CONTAINMENT = OptionalLong.of(200);

	private static final OptionalLong EVIDENCE = OptionalLong.of(100);

	private static final OptionalLong OTHER = OptionalLong.of(0);

	private Instant now = Instant.parse("2026-12-07T10:00:00Z");

	private final CallLanes lanes = new CallLanes(new TenantCallLane() {

		@Override
		public OptionalLong current() {
			return OptionalLong.empty();
		}

		@Override
		public Instant now() {
			return CallLanesTests.this.now;
		}

	});

	@Test
	void aThrottledContainmentCallHoldsEveryLowerLaneForItsRetryAfterAndTheGrace() {
		this.lanes.throttled(CONTAINMENT, Duration.ofSeconds(1));

		assertThat(this.lanes.heldFor(EVIDENCE)).isEqualTo(Duration.ofSeconds(1).plus(CallLanes.GRACE));
		assertThat(this.lanes.heldFor(OTHER)).isEqualTo(Duration.ofSeconds(1).plus(CallLanes.GRACE));
		assertThat(this.lanes.heldFor(CONTAINMENT)).as("its own lane goes at the Retry-After, per operation")
			.isZero();

		this.now = this.now.plusSeconds(1);
		assertThat(this.lanes.heldFor(EVIDENCE)).as("the grace: containment's retries meet the budget first")
			.isEqualTo(CallLanes.GRACE);
		this.now = this.now.plus(CallLanes.GRACE);
		assertThat(this.lanes.heldFor(EVIDENCE)).isZero();
		assertThat(this.lanes.heldFor(OTHER)).isZero();
	}

	@Test
	void aThrottledEvidenceCallHoldsTheLowerLanesButNeverContainment() {
		this.lanes.throttled(EVIDENCE, Duration.ofSeconds(3));

		assertThat(this.lanes.heldFor(CONTAINMENT)).isZero();
		assertThat(this.lanes.heldFor(EVIDENCE)).isZero();
		assertThat(this.lanes.heldFor(OTHER)).isEqualTo(Duration.ofSeconds(3).plus(CallLanes.GRACE));
	}

	@Test
	void theLongestHoldOfTheHigherLanesCountsWhicheverWasToldLast() {
		this.lanes.throttled(CONTAINMENT, Duration.ofSeconds(5));
		this.lanes.throttled(CONTAINMENT, Duration.ofSeconds(1));
		this.lanes.throttled(EVIDENCE, Duration.ofSeconds(2));

		assertThat(this.lanes.heldFor(OTHER)).isEqualTo(Duration.ofSeconds(5).plus(CallLanes.GRACE));
		assertThat(this.lanes.heldFor(EVIDENCE)).isEqualTo(Duration.ofSeconds(5).plus(CallLanes.GRACE));
	}

	@Test
	void aCallOutsideAJobIsNeverHeldAndHoldsNothingBack() {
		this.lanes.throttled(OptionalLong.empty(), Duration.ofSeconds(30));
		assertThat(this.lanes.heldFor(OTHER)).isZero();

		this.lanes.throttled(CONTAINMENT, Duration.ofSeconds(30));
		assertThat(this.lanes.heldFor(OptionalLong.empty())).as("a person's request, the preflight").isZero();
	}

	@Test
	void clientsWithoutTheEngineHoldNothing() {
		CallLanes none = CallLanes.none();
		none.throttled(none.current(), Duration.ofSeconds(30));
		assertThat(none.heldFor(none.current())).isZero();
	}

}
