package org.soc.runbook.tenant;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for the lenient reader of the tenant's undocumented date formats, {@link TenantDates}. */
class TenantDatesTests {

	@Test
	void datesInEveryFormTheTenantUsesAreRead() {
		Instant expected = Instant.parse("2026-11-20T10:15:30Z");
		assertThat(TenantDates.parse("2026-11-20T10:15:30Z")).isEqualTo(expected);
		assertThat(TenantDates.parse("2026-11-20T11:15:30+01:00")).isEqualTo(expected);
		assertThat(TenantDates.parse("2026-11-20T10:15:30")).isEqualTo(expected);
		assertThat(TenantDates.parse("/Date(" + expected.toEpochMilli() + ")/")).isEqualTo(expected);
		assertThat(TenantDates.parse("yesterday")).isNull();
		assertThat(TenantDates.parse("")).isNull();
	}

}
