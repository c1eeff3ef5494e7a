package org.soc.runbook.tenant;

/**
 * An answer from the tenant larger than the runbook reads ({@link TenantProperties#maxAnswerSize()}), or a list that
 * runs to more pages than it follows ({@link TenantProperties#maxPages()}). Refused whole rather than read into memory
 * without end: sending the same request again would get the same answer, so it is not retried, and the step becomes an
 * incident that names the limit.
 */
public final class TenantAnswerTooLargeException extends TenantException {

	private static final long serialVersionUID = 1L;

	TenantAnswerTooLargeException(TenantApi api, String operation, String detail) {
		super(api, operation, 0, null, detail, null);
	}

}
