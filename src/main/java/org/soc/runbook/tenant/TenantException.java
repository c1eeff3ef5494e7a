package org.soc.runbook.tenant;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to the tenant (token endpoint, Graph or Exchange Online) that did not succeed. The subtype says what kind of
 * failure it was, so that callers decide between waiting, retrying, treating it as a business outcome or giving up.
 * Messages name the API, the operation and the service's error code and text; they never carry a header, a token,
 * a secret or a request body.
 */
public abstract class TenantException extends RuntimeException {

	private final TenantApi api;

	private final String operation;

	private final int status;

	private final String errorCode;

	TenantException(TenantApi api, String operation, int status, String errorCode, String detail, Throwable cause) {
		super(describe(api, operation, status, errorCode, detail), cause);
		this.api = api;
		this.operation = operation;
		this.status = status;
		this.errorCode = errorCode;
	}

	private static String describe(TenantApi api, String operation, int status, String errorCode, String detail) {
		StringBuilder text = new StringBuilder(api.label()).append(' ').append(operation).append(" failed");
		if (status > 0) {
			text.append(": HTTP ").append(status);
		}
		if (errorCode != null && !errorCode.isBlank()) {
			text.append(' ').append(errorCode);
		}
		if (detail != null && !detail.isBlank()) {
			text.append(": ").append(detail);
		}
		return text.toString();
	}

	public TenantApi api() {
		return this.api;
	}

	/** The operation as the client names it, e.g. {@code resetPassword} or the cmdlet name. */
	public String operation() {
		return this.operation;
	}

	/** The HTTP status, or 0 when no response arrived (timeout, connection refused). */
	public int status() {
		return this.status;
	}

	/** The service's error code ({@code Authorization_RequestDenied}, the Exchange exception type), if any. */
	public String errorCode() {
		return this.errorCode;
	}

	/** Whether the same call may succeed later without anyone changing anything. */
	public boolean isRetryable() {
		return false;
	}

	/** How long the service asked us to wait before trying again, when it said so. */
	public Optional<Duration> retryAfter() {
		return Optional.empty();
	}

}
