package org.soc.runbook.tenant;

import java.time.Duration;

/** A 5xx, a 408 or no answer in time: the service had a bad moment; the same call may succeed later. */
public final class TenantTransientException extends TenantRetryableException {

	TenantTransientException(TenantApi api, String operation, int status, String errorCode, String detail,
			Duration retryAfter, Throwable cause) {
		super(api, operation, status, errorCode, detail, retryAfter, cause);
	}

}
