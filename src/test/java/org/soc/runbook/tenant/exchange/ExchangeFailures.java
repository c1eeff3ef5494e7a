package org.soc.runbook.tenant.exchange;

import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantRefusal;

/** Exchange Online's own business refusals, typed as its client types them, for unit tests of other packages. */
public final class ExchangeFailures {

	private ExchangeFailures() {
	}

	/** The unblock refused because the entity was unblocked as often as Microsoft allows. */
	public static UnblockLimitReachedException unblockLimitReached(String cmdlet) {
		return UnblockLimitReachedException.ifReached(new TenantRefusal(TenantApi.EXCHANGE, cmdlet, 400, null,
				"The sender has reached the unblock limit for today.", null));
	}

}
