package org.soc.runbook.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantClients;
import org.soc.runbook.tenant.TenantsProperties;
import org.soc.runbook.tenant.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which tenants a poll reads: every tenant at every poll unless its poll interval is longer than the cycle; then the
 * poll whose cycle holds a boundary of its interval, the same on every node and after every restart.
 */
class DetectionScheduleTests {

	@Test
	void aTenantWithALongerIntervalIsReadInThePollWhoseCycleHoldsItsBoundary() {
		DetectionSchedule schedule = new DetectionSchedule(tenants(Duration.ofMinutes(5)), properties("R/PT1M"));
		Instant boundary = Instant.parse("2026-12-07T10:05:00Z");

		assertThat(schedule.due(boundary.plusSeconds(20))).containsExactly("contoso", "fabrikam");
		assertThat(schedule.due(boundary.plusSeconds(80))).containsExactly("contoso");
		assertThat(schedule.due(boundary.plus(Duration.ofMinutes(4)))).containsExactly("contoso");
		// Five one-minute polls read it once.
		long reads = 0;
		for (int minute = 0; minute < 5; minute++) {
			reads += schedule.due(boundary.plusSeconds(30 + 60L * minute)).contains("fabrikam") ? 1 : 0;
		}
		assertThat(reads).isOne();
	}

	@Test
	void anIntervalNoLongerThanTheCycleOrACycleThatIsNoPeriodReadsEveryTenantEachPoll() {
		Instant any = Instant.parse("2026-12-07T10:02:13Z");
		assertThat(new DetectionSchedule(tenants(Duration.ofSeconds(30)), properties("R/PT1M")).due(any))
			.containsExactly("contoso", "fabrikam");
		assertThat(new DetectionSchedule(tenants(Duration.ofMinutes(5)), properties("0 0/5 * * * ?")).due(any))
			.containsExactly("contoso", "fabrikam");
		assertThat(DetectionSchedule.period("R5/PT30S")).isEqualTo(Duration.ofSeconds(30));
		assertThat(DetectionSchedule.period("R/P1D")).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void theSingleTenantIsReadAtEveryPoll() {
		RunbookTenants single = TestTenants.single(null, null);
		assertThat(new DetectionSchedule(single, properties("R/PT1M")).due(Instant.now())).containsExactly("default");
	}

	private static RunbookTenants tenants(Duration fabrikamInterval) {
		return new RunbookTenants(TestTenants.SINGLE.connection(), new TenantsProperties(Map.of("contoso",
				TestTenants.entry("contoso.onmicrosoft.com"), "fabrikam", TestTenants.entry("fabrikam.onmicrosoft.com", fabrikamInterval))),
				(tenant) -> TenantClients.of(tenant, null, null));
	}

	private static DetectionProperties properties(String cycle) {
		return new DetectionProperties(cycle, null, 8192, false, Duration.ofHours(1), Duration.ofDays(7));
	}

}
