package org.soc.runbook.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.TenantProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ThrottledJobsWait#wait}: how long a throttled job parks. */
class ThrottledJobsWaitTests {

	private static final Duration BACKOFF = Duration.ofSeconds(2);

	private final ThrottledJobsWait jobs = new ThrottledJobsWait(new TenantProperties("contoso.onmicrosoft.com",
			"client", "secret", null, null, null, null, null, null, null, null, 3, BACKOFF, 1000, null, 200, null,
			null, null, null));

	@Test
	void microsoftsRetryAfterIsWaitedAsItIsNotRoundedUpToTheBackOff() {
		assertThat(this.jobs.wait(TenantFailures.throttled(TenantApi.GRAPH, "resetPassword", Duration.ofSeconds(1))))
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(this.jobs.wait(TenantFailures.throttled(TenantApi.EXCHANGE, "Get-Mailbox", Duration.ofMinutes(5))))
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void withoutARetryAfterOrWithZeroTheBackOffKeepsTheJobExecutorFromSpinning() {
		assertThat(this.jobs.wait(TenantFailures.throttled(TenantApi.GRAPH, "getRiskyUser", null))).isEqualTo(BACKOFF);
		assertThat(this.jobs.wait(TenantFailures.throttled(TenantApi.GRAPH, "getUser", Duration.ZERO)))
			.isEqualTo(BACKOFF);
	}

	@Test
	void aCallHeldBackForContainmentWaitsWhatTheHoldHasLeftAndAtLeastTheFloor() {
		assertThat(this.jobs.wait(TenantFailures.yielded(TenantApi.GRAPH, "batch", Duration.ofMillis(1400))))
			.isEqualTo(Duration.ofMillis(1400));
		assertThat(this.jobs.wait(TenantFailures.yielded(TenantApi.GRAPH, "batch", Duration.ofMillis(20))))
			.isEqualTo(ThrottledJobsWait.YIELDED_FLOOR);
	}

}
