package org.soc.runbook.tenant;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for the lenient readers of undocumented formats: {@link BlockedSender#reasonFields()}, {@link TenantDates}. */
class TenantParsingTests {

	@Test
	void sendingLimitReasonIsSplitIntoFields() {
		BlockedSender blocked = new BlockedSender("a@b.c", "EmailSendingLimitExceeded;InternalRecipientCountToday=12;"
				+ "ExternalRecipientCountToday=4873;ExceedingLimitType=External;LastMessageRcptCount=500;", null, null,
				false);
		assertThat(blocked.reasonFields()).containsEntry("EmailSendingLimitExceeded", "")
			.containsEntry("ExternalRecipientCountToday", "4873")
			.containsEntry("ExceedingLimitType", "External");
	}

	@Test
	void olderColonSeparatedReasonsAreReadToo() {
		assertThat(BlockedSender.parseReason("OutboundSpamPercent=88;Last Spam Message MessagetraceId:9c4e-7a10"))
			.containsEntry("OutboundSpamPercent", "88")
			.containsEntry("Last Spam Message MessagetraceId", "9c4e-7a10");
		assertThat(BlockedSender.parseReason(null)).isEmpty();
	}

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
