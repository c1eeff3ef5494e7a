package org.soc.runbook.tenant.exchange;

import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantRefusal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnblockLimitReachedException#ifReached}: Microsoft does not document the refusal's wording, so the
 * .NET type or the text of an unblock's refusal is matched loosely, and what is not the limit is left alone.
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
	void otherPlausibleWordingsOfTheLimitCountToo() {
		// Microsoft documents the limit, not its words: each of these would otherwise retry into an incident.
		for (String words : new String[] {
				"You've reached the maximum number of times this sender can be removed. Contact Microsoft Support.",
				"This user has been released from the Restricted entities list too many times.",
				"The number of times the connector can be released has been exceeded.",
				"The request can't be completed. Open a support ticket to remove this restriction." }) {
			assertThat(UnblockLimitReachedException.ifReached(refusal("Microsoft.Exchange.Configuration.Tasks.TaskException",
					words))).as(words).isNotNull();
		}
		assertThat(UnblockLimitReachedException.ifReached(new TenantRefusal(TenantApi.EXCHANGE,
				"Remove-BlockedConnector", 400, null, "The connector was released too many times.", null)))
			.isNotNull();
	}

	@Test
	void anyOtherRefusalIsLeftToTheSharedRules() {
		assertThat(UnblockLimitReachedException.ifReached(refusal(null, "Access denied."))).isNull();
		assertThat(UnblockLimitReachedException.ifReached(refusal(null, "The address isn't valid."))).isNull();
		// Exchange's throttling speaks of a maximum too; it is not the unblock limit.
		assertThat(UnblockLimitReachedException.ifReached(refusal(null,
				"You have reached the maximum number of concurrent requests per tenant. Please wait and try again")))
			.isNull();
		// A missing permission is a missing permission, whatever its words.
		assertThat(UnblockLimitReachedException.ifReached(new TenantRefusal(TenantApi.EXCHANGE,
				"Remove-BlockedSenderAddress", 403, null, "Exceeded your role's rights.", null))).isNull();
		// Another cmdlet's limit is not the unblock limit.
		assertThat(UnblockLimitReachedException.ifReached(new TenantRefusal(TenantApi.EXCHANGE, "Get-InboxRule", 400,
				null, "The limit is 100.", null))).isNull();
	}

	private static TenantRefusal refusal(String serviceType, String detail) {
		return new TenantRefusal(TenantApi.EXCHANGE, "Remove-BlockedSenderAddress", 400, null, detail, serviceType);
	}

}
