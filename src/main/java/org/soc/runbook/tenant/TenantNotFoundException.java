package org.soc.runbook.tenant;

/** The user, rule, mailbox or connector does not exist (Graph 404, Exchange ManagementObjectNotFoundException). */
public final class TenantNotFoundException extends TenantException {

	public TenantNotFoundException(TenantApi api, String operation, int status, String errorCode, String detail) {
		super(api, operation, status, errorCode, detail, null);
	}

}
