package org.soc.runbook.tenant;

import java.time.Duration;

/**
 * HTTP 429 (or Exchange's "maximum number of concurrent requests"): wait at least {@link #retryAfter()} and retry. Also
 * a call the client held back itself, unsent, while Microsoft throttles the calls of a higher lane
 * ({@link #yielded()}, {@link CallLanes}).
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

	/** True when the client held the call back for a higher lane rather than Microsoft refusing it. */
	public boolean yielded() {
		return YIELDED.equals(errorCode());
	}

}
