package org.soc.runbook.tenant;

import java.time.Duration;

/** HTTP 429 (or Exchange's "maximum number of concurrent requests"): wait at least {@link #retryAfter()} and retry. */
public final class TenantThrottledException extends TenantRetryableException {

	TenantThrottledException(TenantApi api, String operation, int status, String errorCode, String detail,
			Duration retryAfter) {
		super(api, operation, status, errorCode, detail, retryAfter, null);
	}

}
