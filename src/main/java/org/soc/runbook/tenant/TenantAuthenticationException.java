package org.soc.runbook.tenant;

/**
 * The tenant refused our identity: the token endpoint rejected the client (unknown client, wrong secret, unknown
 * tenant) or a resource rejected the token even after a fresh one was fetched. A configuration problem.
 */
public final class TenantAuthenticationException extends TenantException {

	TenantAuthenticationException(TenantApi api, String operation, int status, String errorCode, String detail) {
		super(api, operation, status, errorCode, detail, null);
	}

}
