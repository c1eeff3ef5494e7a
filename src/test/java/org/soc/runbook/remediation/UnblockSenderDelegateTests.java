package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.TenantWire;
import org.soc.runbook.tenant.exchange.ExchangeFailures;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The mailbox's unblock ({@link Unblocks} through {@link UnblockSenderDelegate}): Microsoft is told the case, who
 * reviewed, who approved and why; the unblock limit escalates as {@code unblockLimitReached}; a mailbox already off
 * the list counts as unblocked so that verification confirms it; a dry run sends nothing and says so.
 */
class UnblockSenderDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final UnblockSenderDelegate delegate = new UnblockSenderDelegate(TestTenants.of(null, this.exchange));

	@Test
	void microsoftIsToldTheCaseTheReviewerTheApproverAndTheComment() {
		DelegateExecution execution = reviewed("Rules removed, owner confirmed by phone.", false);
		Instant before = Instant.now();
		this.delegate.execute(execution);
		verify(this.exchange).removeBlockedSenderAddress(MAILBOX, "Restricted Entity Runbook mailbox:" + MAILBOX
				+ " (reviewed by analyst, approved by secadmin): Rules removed, owner confirmed by phone.");
		verify(this.exchange, never()).removeBlockedConnector(any(), anyString());
		assertThat(execution.getVariable(CaseVariables.UNBLOCK_RESULT)).isEqualTo("Microsoft accepted the unblock.");
		// Verification times its checks and its timeout from here.
		assertThat(Instant.parse((String) execution.getVariable(CaseVariables.UNBLOCKED_AT)))
			.isBetween(before, Instant.now());
	}

	@Test
	void theReasonIsOneBoundedLineAndWithoutACommentEndsWithTheApprover() {
		this.delegate.execute(reviewed(null, false));
		verify(this.exchange).removeBlockedSenderAddress(MAILBOX,
				"Restricted Entity Runbook mailbox:" + MAILBOX + " (reviewed by analyst, approved by secadmin)");

		ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);
		new UnblockSenderDelegate(TestTenants.of(null, exchange)).execute(reviewed("Owner\nconfirmed " + "z".repeat(1000), false));
		ArgumentCaptor<String> reason = ArgumentCaptor.forClass(String.class);
		verify(exchange).removeBlockedSenderAddress(eq(MAILBOX), reason.capture());
		assertThat(reason.getValue()).hasSize(500).contains("): Owner confirmed z").doesNotContain("\n");
	}

	@Test
	void theUnblockLimitEscalatesAndNothingIsRecordedAsUnblocked() {
		willThrow(ExchangeFailures.unblockLimitReached("Remove-BlockedSenderAddress")).given(this.exchange)
			.removeBlockedSenderAddress(eq(MAILBOX), anyString());
		DelegateExecution execution = reviewed("ok", false);
		assertThatThrownBy(() -> this.delegate.execute(execution)).isInstanceOfSatisfying(BpmnError.class,
				(error) -> assertThat(error.getErrorCode()).isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED))
			.hasMessageContaining("Microsoft refused to unblock mailbox " + MAILBOX + ": ")
			.hasMessageContaining("reached the unblock limit");
		assertThat(execution.getVariable(CaseVariables.UNBLOCKED_AT)).isNull();
		assertThat(execution.getVariable(CaseVariables.UNBLOCK_RESULT)).isNull();
	}

	@Test
	void aMailboxAlreadyOffTheListCountsAsUnblocked() {
		// A retry after a lost answer, or Microsoft lifted it meanwhile: verification confirms it.
		willThrow(TenantFailures.notFound(TenantApi.EXCHANGE, "Remove-BlockedSenderAddress")).given(this.exchange)
			.removeBlockedSenderAddress(eq(MAILBOX), anyString());
		DelegateExecution execution = reviewed("ok", false);
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.UNBLOCK_RESULT))
			.isEqualTo("Already off the blocked list: nothing to unblock.");
		assertThat(execution.getVariable(CaseVariables.UNBLOCKED_AT)).isNotNull();
	}

	@Test
	void anOutageFailsTheStepForTheJobToRetry() {
		willThrow(TenantFailures.unavailable(TenantApi.EXCHANGE, "Remove-BlockedSenderAddress")).given(this.exchange)
			.removeBlockedSenderAddress(eq(MAILBOX), anyString());
		DelegateExecution execution = reviewed("ok", false);
		assertThatThrownBy(() -> this.delegate.execute(execution)).isNotInstanceOf(BpmnError.class);
		assertThat(execution.getVariable(CaseVariables.UNBLOCKED_AT)).isNull();
	}

	@Test
	void aDryRunSendsNothingAndSaysSo() {
		TenantWire wire = new TenantWire();
		DelegateExecution execution = reviewed("ok", true);
		new UnblockSenderDelegate(TestTenants.of(null, wire.exchange())).execute(execution);
		wire.assertNothingSent();
		assertThat(execution.getVariable(CaseVariables.UNBLOCK_RESULT)).isEqualTo("Unblock not sent (dry run).");
		assertThat((String) execution.getVariable(CaseVariables.WOULD_BE_CHANGE))
			.startsWith("Exchange Online Remove-BlockedSenderAddress: POST /adminapi/beta/contoso.onmicrosoft.com/"
					+ "InvokeCommand")
			.contains("\"SenderAddress\":\"" + MAILBOX + "\"")
			.contains("(reviewed by analyst, approved by secadmin): ok");
	}

	private static DelegateExecution reviewed(String comment, boolean dryRun) {
		Map<String, Object> variables = new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, MAILBOX, CaseVariables.DRY_RUN, dryRun, CaseVariables.REVIEWED_BY, "analyst",
				CaseVariables.APPROVED_BY, "secadmin"));
		if (comment != null) {
			variables.put(CaseVariables.REVIEW_COMMENT, comment);
		}
		DelegateExecution execution = CaseVariablesFake.execution(variables);
		given(execution.getProcessBusinessKey()).willReturn("mailbox:" + MAILBOX);
		return execution;
	}

}
