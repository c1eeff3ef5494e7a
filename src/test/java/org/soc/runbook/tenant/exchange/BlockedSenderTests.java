package org.soc.runbook.tenant.exchange;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for the lenient reader of a block's undocumented reason, {@link BlockedSender#reasonFields()}. */
class BlockedSenderTests {

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

}
