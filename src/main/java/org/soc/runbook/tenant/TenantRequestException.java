package org.soc.runbook.tenant;

/**
 * Any other refusal (400, 409, an Exchange task error): the request as sent will not succeed. An API's own business
 * refusal may be a subtype (see {@link TenantRefusal}).
 */
public class TenantRequestException extends TenantException {

	protected TenantRequestException(TenantApi api, String operation, int status, String errorCode, String detail) {
		super(api, operation, status, errorCode, detail, null);
	}

}
