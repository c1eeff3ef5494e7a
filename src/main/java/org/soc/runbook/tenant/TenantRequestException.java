package org.soc.runbook.tenant;

/** Any other refusal (400, 409, an Exchange task error): the request as sent will not succeed. */
public sealed class TenantRequestException extends TenantException permits UnblockLimitReachedException {

	TenantRequestException(TenantApi api, String operation, int status, String errorCode, String detail) {
		super(api, operation, status, errorCode, detail, null);
	}

}
