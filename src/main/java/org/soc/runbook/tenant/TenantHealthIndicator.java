package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code tenant} in Actuator health, part of readiness (not liveness: a node that cannot reach Microsoft should get no
 * new work, not be restarted). A tenant is down when no token can be obtained for Graph or Exchange Online, or when
 * its recent calls all went unanswered or answered 5xx. Tokens come from the cache while they are fresh, so the check
 * costs nothing against the tenants' rate limits. With many tenants, one customer's expired secret is that customer's
 * problem, not the node's: the node is down only when every tenant is, and the details name each tenant that is.
 */
@Component("tenant")
class TenantHealthIndicator extends AbstractHealthIndicator {

	/** This many unanswered calls in a row, the last within {@link #RECENT}, mean "unreachable". */
	static final int FAILURES_IN_A_ROW = 3;

	static final Duration RECENT = Duration.ofMinutes(2);

	private final RunbookTenants tenants;

	TenantHealthIndicator(RunbookTenants tenants) {
		super("The tenant could not be checked");
		this.tenants = tenants;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		if (this.tenants.single()) {
			Map<String, Object> details = new LinkedHashMap<>();
			boolean up = check(this.tenants.clients(null), details);
			health.status(up ? Status.UP : Status.DOWN).withDetails(details);
			return;
		}
		int up = 0;
		Map<String, Object> down = new LinkedHashMap<>();
		for (RunbookTenant tenant : this.tenants.all()) {
			Map<String, Object> details = new LinkedHashMap<>();
			try {
				if (check(this.tenants.clientsOf(tenant), details)) {
					up++;
					continue;
				}
			}
			catch (Tenants.UnknownTenantException ex) {
				details.put("outOfService", ex.getMessage());
			}
			down.put(tenant.key(), details);
		}
		// No customer yet (a tenants file that lists none) is nothing to be down about: the node is ready for one.
		boolean none = this.tenants.all().isEmpty();
		health.status((up > 0 || none) ? Status.UP : Status.DOWN).withDetail("tenantsUp", up);
		if (!down.isEmpty()) {
			health.withDetail("tenantsDown", down);
		}
	}

	/** One tenant's state into the details; true when it is up. */
	private static boolean check(TenantClients clients, Map<String, Object> details) {
		TenantReachability reachability = clients.reachability();
		details.put("failuresInARow", reachability.failuresInARow());
		if (reachability.lastReached() != null) {
			details.put("lastReached", reachability.lastReached().toString());
		}
		try {
			clients.tokens().verifyAccess();
		}
		catch (TenantException ex) {
			details.put("tokens", ex.getMessage());
			return false;
		}
		Instant lastFailed = reachability.lastFailed();
		if (reachability.failuresInARow() >= FAILURES_IN_A_ROW && lastFailed != null
				&& lastFailed.isAfter(Instant.now().minus(RECENT))) {
			details.put("lastFailure", reachability.lastFailure());
			return false;
		}
		return true;
	}

}
