package org.soc.runbook.tenant;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that the same call may get past later without anyone changing anything, with the wait the service asked
 * for when it named one: the service throttled the call ({@link TenantThrottledException}) or had a bad moment
 * ({@link TenantTransientException}).
 */
public abstract sealed class TenantRetryableException extends TenantException
		permits TenantThrottledException, TenantTransientException {

	private final Duration retryAfter;

	TenantRetryableException(TenantApi api, String operation, int status, String errorCode, String detail,
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
