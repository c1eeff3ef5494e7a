package org.soc.runbook.tenant;

import java.time.Duration;
import java.util.Optional;

/** HTTP 429 (or Exchange's "maximum number of concurrent requests"): wait at least {@link #retryAfter()} and retry. */
public final class TenantThrottledException extends TenantException {

	private final Duration retryAfter;

	TenantThrottledException(TenantApi api, String operation, int status, String errorCode, String detail,
			Duration retryAfter) {
		super(api, operation, status, errorCode, detail, null);
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
