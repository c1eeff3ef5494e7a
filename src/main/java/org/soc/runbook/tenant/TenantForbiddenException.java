package org.soc.runbook.tenant;

/**
 * HTTP 403: the app registration lacks a permission or a directory role. An administrator has to grant it; retrying
 * changes nothing. {@link TenantUnlicensedException} is the case where the tenant's licence is missing instead.
 */
public sealed class TenantForbiddenException extends TenantException permits TenantUnlicensedException {

	TenantForbiddenException(TenantApi api, String operation, int status, String errorCode, String detail) {
		super(api, operation, status, errorCode, detail, null);
	}

}
