package org.soc.runbook.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.soc.runbook.tenant.TestTenants;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Time to contain, as Prometheus gets it: a timer per starting point, for mailboxes. */
class CaseMetricsTests {

	@Test
	void timeToContainIsTimedFromTheRestrictionAndFromTheOpening() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		CaseMetrics metrics = new CaseMetrics(registry, mock(JdbcTemplate.class), TestTenants.single(null, null));
		Instant contained = Instant.now();
		metrics.contained(contained.minus(Duration.ofMinutes(7)), contained.minusSeconds(2), contained);
		// Without a restriction time (a case opened by hand for a mailbox not listed) only the opening counts.
		metrics.contained(null, contained.minusSeconds(4), contained);

		assertThat(registry.get(CaseMetrics.TO_CONTAIN).tags("type", "mailbox", "from", "restriction").timer()
			.totalTime(TimeUnit.SECONDS)).isEqualTo(420);
		assertThat(registry.get(CaseMetrics.TO_CONTAIN).tags("type", "mailbox", "from", "opening").timer().count())
			.isEqualTo(2);
		assertThat(registry.get(CaseMetrics.TO_CONTAIN).tags("type", "mailbox", "from", "opening").timer()
			.totalTime(TimeUnit.SECONDS)).isEqualTo(6);
	}

}
