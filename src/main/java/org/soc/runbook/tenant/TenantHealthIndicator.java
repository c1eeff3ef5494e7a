package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code tenant} in Actuator health, part of readiness (not liveness: a node that cannot reach Microsoft should get no
 * new work, not be restarted). Down when no token can be obtained for Graph or Exchange Online, or when the recent
 * tenant calls all went unanswered or answered 5xx. Tokens come from the cache while they are fresh, so the check
 * costs nothing against the tenant's rate limits.
 */
@Component("tenant")
class TenantHealthIndicator extends AbstractHealthIndicator {

	/** This many unanswered calls in a row, the last within {@link #RECENT}, mean "unreachable". */
	static final int FAILURES_IN_A_ROW = 3;

	static final Duration RECENT = Duration.ofMinutes(2);

	private final AccessTokenProvider tokens;

	private final TenantReachability reachability;

	TenantHealthIndicator(AccessTokenProvider tokens, TenantReachability reachability) {
		super("The tenant could not be checked");
		this.tokens = tokens;
		this.reachability = reachability;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		health.withDetail("failuresInARow", this.reachability.failuresInARow());
		if (this.reachability.lastReached() != null) {
			health.withDetail("lastReached", this.reachability.lastReached().toString());
		}
		try {
			this.tokens.verifyAccess();
		}
		catch (TenantException ex) {
			health.down().withDetail("tokens", ex.getMessage());
			return;
		}
		Instant lastFailed = this.reachability.lastFailed();
		if (this.reachability.failuresInARow() >= FAILURES_IN_A_ROW && lastFailed != null
				&& lastFailed.isAfter(Instant.now().minus(RECENT))) {
			health.down().withDetail("lastFailure", this.reachability.lastFailure());
			return;
		}
		health.up();
	}

}
