package org.soc.runbook.tenant;

/**
 * A 403 because the tenant lacks the Microsoft Entra ID P1 or P2 licence the API needs (sign-in logs, Identity
 * Protection). Evidence from such a source is shown as unavailable; it is not a failure of the case.
 */
public final class TenantUnlicensedException extends TenantForbiddenException {

	TenantUnlicensedException(TenantApi api, String operation, int status, String errorCode, String detail) {
		super(api, operation, status, errorCode, detail);
	}

}
