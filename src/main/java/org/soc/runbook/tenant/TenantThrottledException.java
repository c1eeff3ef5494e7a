package org.soc.runbook.tenant;

import java.time.Duration;

/**
 * HTTP 429 (or Exchange's "maximum number of concurrent requests"): wait at least {@link #retryAfter()} and retry. Also
 * a call the client held back itself, unsent, while Microsoft throttles the calls of a higher lane
 * ({@link #yielded()}, {@link CallLanes}), or a wait its job leaves the thread for ({@link #parked}).
 */
public final class TenantThrottledException extends TenantRetryableException {

	/** The error code of a call held back for a higher lane's; Microsoft never saw it. */
	static final String YIELDED = "yieldedToContainment";

	TenantThrottledException(TenantApi api, String operation, int status, String errorCode, String detail,
			Duration retryAfter) {
		super(api, operation, status, errorCode, detail, retryAfter, null);
	}

	/** A call not sent because calls of a higher lane wait for Microsoft's budget for {@code wait}. */
	static TenantThrottledException yielded(TenantApi api, String operation, Duration wait) {
		return new TenantThrottledException(api, operation, 0, YIELDED,
				"not sent: containment calls wait for Microsoft's budget and go first", wait);
	}

	/** The error code of a call whose job parks until the Retry-After instead of waiting for it in place. */
	static final String PARKED = "parkedUntilRetryAfter";

	/**
	 * A call that must wait {@code wait} for Microsoft's budget, on a thread its tenant may not keep asleep
	 * ({@link InPlaceWaits}): the job parks until then and the thread goes to other work.
	 */
	static TenantThrottledException parked(TenantApi api, String operation, Duration wait) {
		return new TenantThrottledException(api, operation, 0, PARKED,
				"waits for Microsoft's budget without a thread: the job parks until the Retry-After", wait);
	}

	/**
	 * True when the client held the call back, for a higher lane or to free its thread, rather than Microsoft refusing
	 * it just now: flow control of the runbook's own.
	 */
	public boolean yielded() {
		return YIELDED.equals(errorCode()) || PARKED.equals(errorCode());
	}

}
