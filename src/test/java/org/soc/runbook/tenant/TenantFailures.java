package org.soc.runbook.tenant;

import java.time.Duration;

/**
 * The tenant's typed failures as the clients throw them, for unit tests of the steps that decide what each one means
 * (a refusal for permission marks evidence unavailable, "not found" may mean already done, an outage is retried).
 * Their constructors are the tenant package's own; the tests of other packages get them here.
 */
public final class TenantFailures {

	private TenantFailures() {
	}

	/** Graph 404 or Exchange's ManagementObjectNotFoundException. */
	public static TenantNotFoundException notFound(TenantApi api, String operation) {
		return new TenantNotFoundException(api, operation, 404, "Request_ResourceNotFound",
				"The object does not exist.");
	}

	/** HTTP 403: the app lacks a permission or a role. */
	public static TenantForbiddenException forbidden(TenantApi api, String operation) {
		return new TenantForbiddenException(api, operation, 403, "Authorization_RequestDenied",
				"Insufficient privileges to complete the operation.");
	}

	/** Any other refusal of the request as sent (HTTP 400), in the service's words. */
	public static TenantRequestException refused(TenantApi api, String operation, String detail) {
		return new TenantRequestException(api, operation, 400, "Request_BadRequest", detail);
	}

	/** HTTP 503: the service had a bad moment. */
	public static TenantTransientException unavailable(TenantApi api, String operation) {
		return new TenantTransientException(api, operation, 503, null, "Service Unavailable", Duration.ofSeconds(30),
				null);
	}

	/** HTTP 429 with the Retry-After Microsoft named, or none. */
	public static TenantThrottledException throttled(TenantApi api, String operation, Duration retryAfter) {
		return new TenantThrottledException(api, operation, 429, "TooManyRequests", "Please retry again later.",
				retryAfter);
	}

	/** A call the client held back for containment calls, for {@code wait}. */
	public static TenantThrottledException yielded(TenantApi api, String operation, Duration wait) {
		return TenantThrottledException.yielded(api, operation, wait);
	}

}
