package org.soc.runbook.tenant.exchange;

import java.util.Locale;

import org.soc.runbook.tenant.TenantRefusal;
import org.soc.runbook.tenant.TenantRequestException;

/**
 * {@code Remove-BlockedSenderAddress} refused because the account was unblocked as often as Microsoft allows; only
 * Microsoft Support can unblock it now. A business outcome that is escalated, never retried.
 */
public final class UnblockLimitReachedException extends TenantRequestException {

	private UnblockLimitReachedException(TenantRefusal refusal) {
		super(refusal.api(), refusal.operation(), refusal.status(), refusal.errorCode(), refusal.detail());
	}

	/** The refusal as an unblock limit reached, or null when it is another refusal. */
	static UnblockLimitReachedException ifReached(TenantRefusal refusal) {
		// The wording of the unblock-limit refusal is not documented; match the type or the text loosely.
		String type = (refusal.serviceType() != null) ? refusal.serviceType().toLowerCase(Locale.ROOT) : "";
		String text = refusal.detail().toLowerCase(Locale.ROOT);
		if ((type.contains("unblock") && type.contains("limit"))
				|| (text.contains("unblock") && (text.contains("limit") || text.contains("maximum")))) {
			return new UnblockLimitReachedException(refusal);
		}
		return null;
	}

}
