package org.soc.runbook.tenant;

import java.time.Duration;
import java.util.Optional;

/** A 5xx, a 408 or no answer in time: the service had a bad moment; the same call may succeed later. */
public final class TenantTransientException extends TenantException {

	private final Duration retryAfter;

	TenantTransientException(TenantApi api, String operation, int status, String errorCode, String detail,
			Duration retryAfter, Throwable cause) {
		super(api, operation, status, errorCode, detail, cause);
		this.retryAfter = retryAfter;
	}

	@Override
	public boolean isRetryable() {
		return true;
	}

	@Override
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
