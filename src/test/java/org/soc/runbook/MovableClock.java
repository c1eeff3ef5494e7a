package org.soc.runbook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, for code that takes a {@link Clock}: time passes only when the test says so. */
public final class MovableClock extends Clock {

	private volatile Instant now;

	/** Starting now. */
	public MovableClock() {
		this(Instant.now());
	}

	/** Starting at the instant. */
	public MovableClock(Instant start) {
		this.now = start;
	}

	/** Moves the clock on. */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneOffset getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
