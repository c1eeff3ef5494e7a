package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Whether the mailbox is still on the Restricted entities list, and Microsoft's reason in words for the reviewer: the
 * known keys named, unknown ones listed as they came. A mailbox no longer listed is released, unless a connector
 * review asked for it, which the summary then says.
 */
class LoadRestrictionDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private static final Instant SINCE = Instant.parse("2025-03-03T07:42:00Z");

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final LoadRestrictionDelegate delegate = new LoadRestrictionDelegate(TestTenants.of(null, this.exchange));

	@Test
	void aListedMailboxIsBlockedWithItsReasonInWords() {
		String reason = "EmailSendingLimitExceeded;InternalRecipientCountToday=0;ExternalRecipientCountToday=1200;"
				+ "ExceedingLimitType=External;LastMessageRcptCount=500";
		given(this.exchange.getBlockedSenderAddress(MAILBOX)).willReturn(Optional.of(listed(reason)));
		DelegateExecution execution = mailboxCase(null);
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.BLOCKED)).isEqualTo(true);
		assertThat(execution.getVariable(CaseVariables.RESTRICTION_REASON)).as("as received").isEqualTo(reason);
		assertThat(execution.getVariable(CaseVariables.RESTRICTED_SINCE)).isEqualTo("2025-03-03T07:42:00Z");
		assertThat(execution.getVariable(CaseVariables.REASON_SUMMARY))
			.isEqualTo("Sending limit exceeded (External recipients). External recipients today: 1200. Internal "
					+ "recipients today: 0. Recipients of the last message: 500.");
	}

	@Test
	void keysTheRunbookDoesNotKnowAreListedAsTheyCameAndNoReasonIsSaid() {
		// Microsoft does not document the reason's keys: a new one must still reach the reviewer.
		assertThat(LoadRestrictionDelegate.summarize(Map.of("SuspiciousLogonDetected", "3")))
			.isEqualTo("SuspiciousLogonDetected: 3.");
		given(this.exchange.getBlockedSenderAddress(MAILBOX)).willReturn(Optional.of(listed(null)));
		DelegateExecution execution = mailboxCase(null);
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.REASON_SUMMARY)).isEqualTo("Microsoft gave no reason.");
	}

	@Test
	void anOverlongReasonIsKeptBounded() {
		given(this.exchange.getBlockedSenderAddress(MAILBOX))
			.willReturn(Optional.of(listed("Custom=" + "x".repeat(5000))));
		DelegateExecution execution = mailboxCase(null);
		this.delegate.execute(execution);
		assertThat((String) execution.getVariable(CaseVariables.RESTRICTION_REASON)).hasSize(1000).endsWith("…");
		assertThat((String) execution.getVariable(CaseVariables.REASON_SUMMARY)).hasSize(1000);
	}

	@Test
	void aMailboxNoLongerListedIsNotBlockedAndNothingElseIsRecorded() {
		given(this.exchange.getBlockedSenderAddress(MAILBOX)).willReturn(Optional.empty());
		DelegateExecution execution = mailboxCase(null);
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.BLOCKED)).isEqualTo(false);
		assertThat(execution.getVariable(CaseVariables.REASON_SUMMARY)).isNull();
		assertThat(execution.getVariable(CaseVariables.RESTRICTION_REASON)).isNull();
	}

	@Test
	void anAdminMailboxAConnectorReviewAskedForIsExplainedThoughNotListed() {
		given(this.exchange.getBlockedSenderAddress(MAILBOX)).willReturn(Optional.empty());
		DelegateExecution execution = mailboxCase("connector:0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.BLOCKED)).isEqualTo(false);
		assertThat(execution.getVariable(CaseVariables.REASON_SUMMARY)).isEqualTo("Not on the Restricted entities "
				+ "list. Opened by the review of connector:0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11 to investigate the "
				+ "administrator account that changed the connector.");

		// Listed after all: Microsoft's reason is what the reviewer reads.
		given(this.exchange.getBlockedSenderAddress(MAILBOX))
			.willReturn(Optional.of(listed("EmailSendingLimitExceeded")));
		DelegateExecution listed = mailboxCase("connector:0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");
		this.delegate.execute(listed);
		assertThat(listed.getVariable(CaseVariables.REASON_SUMMARY)).isEqualTo("Sending limit exceeded.");
	}

	private static BlockedSender listed(String reason) {
		return new BlockedSender(MAILBOX, reason, SINCE, SINCE, false);
	}

	private static DelegateExecution mailboxCase(String relatedCase) {
		Map<String, Object> variables = new HashMap<>(
				Map.of(CaseVariables.ENTITY_TYPE, "mailbox", CaseVariables.ENTITY_ID, MAILBOX));
		if (relatedCase != null) {
			variables.put(CaseVariables.RELATED_CASE, relatedCase);
		}
		return CaseVariablesFake.execution(variables);
	}

}
