package org.soc.runbook.tenant.exchange;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.tenant.TenantRefusal;
import org.soc.runbook.tenant.TenantRequestException;

/**
 * {@code Remove-BlockedSenderAddress} or {@code Remove-BlockedConnector} refused because the entity was unblocked as
 * often as Microsoft allows; only Microsoft Support can unblock it now. A business outcome that is escalated to the
 * SOC leads, never retried.
 * <p>
 * Microsoft documents the limit but not the refusal's wording or type. The rule is therefore loose on purpose: an
 * unblock cmdlet's refusal (a 4xx other than a missing permission or a missing object; throttling and outages are
 * typed before this is asked) that names a limit, a maximum, too many unblocks or Microsoft Support counts. Taking
 * another refusal for the limit puts the case in front of a lead, who reads Microsoft's words on the task; missing
 * the limit would retry the unblock into an incident. Each match is logged with the words Microsoft used, so that the
 * rule can be narrowed once a real tenant has shown them.
 */
public final class UnblockLimitReachedException extends TenantRequestException {

	private static final Logger LOG = LoggerFactory.getLogger(UnblockLimitReachedException.class);

	/** The cmdlets whose refusal can be the unblock limit. */
	private static final List<String> UNBLOCKS = List.of("remove-blockedsenderaddress", "remove-blockedconnector");

	/** Words of a refusal that speak of the limit, lower case. */
	private static final List<String> LIMIT_WORDS = List.of("limit", "maximum", "exceeded", "too many",
			"number of times", "microsoft support", "contact support", "support ticket");

	private UnblockLimitReachedException(TenantRefusal refusal) {
		super(refusal.api(), refusal.operation(), refusal.status(), refusal.errorCode(), refusal.detail());
	}

	/** The refusal as an unblock limit reached, or null when it is another refusal. */
	static UnblockLimitReachedException ifReached(TenantRefusal refusal) {
		String operation = (refusal.operation() != null) ? refusal.operation().toLowerCase(Locale.ROOT) : "";
		boolean refusedUnblock = UNBLOCKS.contains(operation) && refusal.status() >= 400 && refusal.status() < 500
				&& refusal.status() != 401 && refusal.status() != 403 && refusal.status() != 404;
		String type = (refusal.serviceType() != null) ? refusal.serviceType().toLowerCase(Locale.ROOT) : "";
		String text = (refusal.detail() != null) ? refusal.detail().toLowerCase(Locale.ROOT) : "";
		boolean typeSaysSo = type.contains("unblock") && type.contains("limit");
		boolean wordsSaySo = refusedUnblock && !text.contains("concurrent")
				&& LIMIT_WORDS.stream().anyMatch((word) -> text.contains(word) || type.contains(word));
		if (!typeSaysSo && !wordsSaySo) {
			return null;
		}
		LOG.info("{} refused as the unblock limit (HTTP {}, type {}): {}", refusal.operation(), refusal.status(),
				(refusal.serviceType() != null) ? refusal.serviceType() : "none", refusal.detail());
		return new UnblockLimitReachedException(refusal);
	}

}
