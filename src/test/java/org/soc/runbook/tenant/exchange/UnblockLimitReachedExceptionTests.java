package org.soc.runbook.tenant.exchange;

import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantRefusal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnblockLimitReachedException#ifReached}: Microsoft does not document the refusal's wording, so the
 * .NET type or the text is matched loosely.
 */
class UnblockLimitReachedExceptionTests {

	@Test
	void theServiceTypeNamesTheLimit() {
		assertThat(UnblockLimitReachedException.ifReached(refusal(
				"Microsoft.Exchange.Management.Tasks.UnblockLimitExceededException", "The operation failed.")))
			.isNotNull()
			.hasMessageContaining("The operation failed.");
	}

	@Test
	void theTextNamesTheLimitOrTheMaximum() {
		assertThat(UnblockLimitReachedException.ifReached(refusal(null, "The entity has reached the unblock limit.")))
			.isNotNull();
		assertThat(UnblockLimitReachedException
			.ifReached(refusal(null, "The maximum number of unblocks for this sender was reached."))).isNotNull();
	}

	@Test
	void anyOtherRefusalIsLeftToTheSharedRules() {
		assertThat(UnblockLimitReachedException
			.ifReached(refusal("Microsoft.Exchange.Configuration.Tasks.TaskException", "The limit is 100."))).isNull();
		assertThat(UnblockLimitReachedException.ifReached(refusal(null, "Access denied."))).isNull();
	}

	private static TenantRefusal refusal(String serviceType, String detail) {
		return new TenantRefusal(TenantApi.EXCHANGE, "Remove-BlockedSenderAddress", 400, null, detail, serviceType);
	}

}
