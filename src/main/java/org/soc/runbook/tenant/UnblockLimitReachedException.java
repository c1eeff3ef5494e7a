package org.soc.runbook.tenant;

/**
 * {@code Remove-BlockedSenderAddress} refused because the account was unblocked as often as Microsoft allows; only
 * Microsoft Support can unblock it now. A business outcome that is escalated, never retried.
 */
public final class UnblockLimitReachedException extends TenantRequestException {

	UnblockLimitReachedException(TenantApi api, String operation, int status, String errorCode, String detail) {
		super(api, operation, status, errorCode, detail);
	}

}
