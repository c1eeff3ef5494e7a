package org.soc.runbook.detection;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;

import org.springframework.stereotype.Component;

/**
 * Which tenants' blocked lists a poll reads ({@code Task_PollRestrictions} runs once for each, as its own job): every
 * tenant whose {@code poll-interval} has a boundary within the poll cycle that ends now. A tenant without an interval
 * is read at every poll. The rule has no state, so every node and every restart agrees on it: with a one-minute cycle
 * a five-minute tenant is read at 00:00, 00:05, ... whichever node runs the poll.
 */
// Public, as the model calls it by expression (${detectionSchedule.dueNow()}), which needs a public class.
@Component("detectionSchedule")
public class DetectionSchedule {

	private final RunbookTenants tenants;

	private final Duration cycle;

	DetectionSchedule(RunbookTenants tenants, DetectionProperties properties) {
		this.tenants = tenants;
		this.cycle = period(properties.pollCycle());
	}

	/** The keys of the tenants to read in the poll that runs now, in key order. */
	public List<String> dueNow() {
		return due(ClockUtil.getCurrentTime().toInstant());
	}

	List<String> due(Instant now) {
		return this.tenants.all().stream().filter((tenant) -> isDue(tenant, now)).map(RunbookTenant::key).toList();
	}

	private boolean isDue(RunbookTenant tenant, Instant now) {
		Duration interval = tenant.pollInterval();
		if (interval == null || this.cycle == null || interval.compareTo(this.cycle) <= 0) {
			return true;
		}
		long slot = interval.toMillis();
		return Math.floorDiv(now.toEpochMilli(), slot) != Math.floorDiv(now.toEpochMilli() - this.cycle.toMillis(), slot);
	}

	/** The period of an ISO-8601 repeating interval ({@code R/PT1M}, {@code R5/PT30S}); null for anything else. */
	static Duration period(String cycle) {
		if (cycle == null) {
			return null;
		}
		String[] parts = cycle.trim().split("/");
		try {
			return (parts.length >= 2 && parts[0].startsWith("R")) ? Duration.parse(parts[parts.length - 1]) : null;
		}
		catch (DateTimeParseException notADuration) {
			return null;
		}
	}

}
