package org.soc.runbook.tenant;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The lane of the calling thread's work, which decides whose tenant calls go first when Microsoft throttles
 * ({@link CallLanes}): the priority of the engine's job the thread runs, empty outside a job.
 */
public interface TenantCallLane {

	OptionalLong current();

	/**
	 * The time the lanes' holds are kept in: a held job waits by its due date, which is in the engine's time.
	 */
	default Instant now() {
		return Instant.now();
	}

	/**
	 * How many threads run the jobs: the tenants share them for waiting out Microsoft's Retry-After in place
	 * ({@link InPlaceWaits}).
	 */
	default int threads() {
		return Integer.MAX_VALUE;
	}

}
