package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.TenantWire;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/**
 * The clean-up the reviewer chose and the approver approved: only the chosen inbox rules are disabled (not deleted),
 * forwarding is cleared only when asked, a rule already gone is noted without failing, the summary says in words what
 * was done or would have been in a dry run, and nothing chosen means nothing sent.
 */
class ApplyCleanupDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final ApplyCleanupDelegate delegate = new ApplyCleanupDelegate(TestTenants.of(null, this.exchange));

	@Test
	void onlyTheChosenRulesAreDisabledAndForwardingIsLeftUnlessAsked() {
		DelegateExecution execution = reviewed(List.of("adele\\1", "adele\\3"), false, false);
		this.delegate.execute(execution);
		verify(this.exchange).disableInboxRule(MAILBOX, "adele\\1");
		verify(this.exchange).disableInboxRule(MAILBOX, "adele\\3");
		verifyNoMoreInteractions(this.exchange);
		assertThat(execution.getVariable(CaseVariables.CLEANUP_SUMMARY))
			.isEqualTo("Disabled inbox rule adele\\1.\nDisabled inbox rule adele\\3.");
	}

	@Test
	void forwardingIsClearedWhenAsked() {
		DelegateExecution execution = reviewed(List.of(), true, false);
		this.delegate.execute(execution);
		verify(this.exchange).clearMailboxForwarding(MAILBOX);
		verifyNoMoreInteractions(this.exchange);
		assertThat(execution.getVariable(CaseVariables.CLEANUP_SUMMARY)).isEqualTo("Cleared mailbox forwarding.");
	}

	@Test
	void aRuleAlreadyGoneIsNotedAndTheRestIsStillDone() {
		willThrow(TenantFailures.notFound(TenantApi.EXCHANGE, "Disable-InboxRule")).given(this.exchange)
			.disableInboxRule(MAILBOX, "adele\\1");
		DelegateExecution execution = reviewed(List.of("adele\\1", "adele\\2"), true, false);
		this.delegate.execute(execution);
		var order = inOrder(this.exchange);
		order.verify(this.exchange).disableInboxRule(MAILBOX, "adele\\2");
		order.verify(this.exchange).clearMailboxForwarding(MAILBOX);
		assertThat(execution.getVariable(CaseVariables.CLEANUP_SUMMARY)).isEqualTo(
				"Inbox rule adele\\1 no longer exists.\nDisabled inbox rule adele\\2.\nCleared mailbox forwarding.");
	}

	@Test
	void nothingChosenSendsNothingAndSaysSo() {
		DelegateExecution execution = reviewed(List.of(), false, false);
		this.delegate.execute(execution);
		verifyNoInteractions(this.exchange);
		assertThat(execution.getVariable(CaseVariables.CLEANUP_SUMMARY)).isEqualTo("No clean-up chosen.");
	}

	@Test
	void aDryRunSendsNothingAndSaysWhatItWouldHaveDone() {
		TenantWire wire = new TenantWire();
		DelegateExecution execution = reviewed(List.of("adele\\1"), true, true);
		new ApplyCleanupDelegate(TestTenants.of(null, wire.exchange())).execute(execution);
		wire.assertNothingSent();
		assertThat(execution.getVariable(CaseVariables.CLEANUP_SUMMARY))
			.isEqualTo("Would disable inbox rule adele\\1. (not sent (dry run))\n"
					+ "Would clear mailbox forwarding. (not sent (dry run))");
		assertThat(((String) execution.getVariable(CaseVariables.WOULD_BE_CHANGE)).lines())
			.satisfiesExactly((line) -> assertThat(line).startsWith("Exchange Online Disable-InboxRule: POST ")
				.contains("\"Identity\":\"adele\\\\1\""),
					(line) -> assertThat(line).startsWith("Exchange Online Set-Mailbox: POST ")
						.contains("\"ForwardingSmtpAddress\":null"));
	}

	@Test
	void aDryRunNamesTheRuleAsTheReviewerChoseIt() {
		// Only the verb changes in a dry run: a rule's identity is the rule's, whatever words it holds.
		TenantWire wire = new TenantWire();
		DelegateExecution execution = reviewed(List.of("adele\\Disabled forwarding"), false, true);
		new ApplyCleanupDelegate(TestTenants.of(null, wire.exchange())).execute(execution);
		assertThat(execution.getVariable(CaseVariables.CLEANUP_SUMMARY))
			.isEqualTo("Would disable inbox rule adele\\Disabled forwarding. (not sent (dry run))");
	}

	private static DelegateExecution reviewed(List<String> rules, boolean clearForwarding, boolean dryRun) {
		return CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, MAILBOX, CaseVariables.DRY_RUN, dryRun, CaseVariables.RULES_TO_DISABLE, rules,
				CaseVariables.CLEAR_FORWARDING, clearForwarding)));
	}

}
