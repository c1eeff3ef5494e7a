package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantException;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.exchange.InboxRule;
import org.soc.runbook.tenant.exchange.MailboxForwarding;
import org.soc.runbook.tenant.graph.AuthenticationMethod;
import org.soc.runbook.tenant.graph.EvidenceReads;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.MailboxEvidenceReads;
import org.soc.runbook.tenant.graph.RiskyUser;
import org.soc.runbook.tenant.graph.SignIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The mailbox's evidence as the reviewer reads it: rules that forward, redirect, delete or move mail, hidden ones
 * flagged only when Graph's list could tell, forwarding outside the tenant named, sign-ins, risk and methods in
 * words, the containment and the mailbox's earlier cases; a source refused for permission or licence is marked
 * unavailable without failing the step, an outage fails it for a retry, and the document stays within its bound.
 */
class GatherEvidenceDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private static final String USER_ID = "6e7b768e-07e2-4810-8459-485f84f8f204";

	private final GraphClient graph = mock(GraphClient.class);

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final GatherEvidenceDelegate delegate = new GatherEvidenceDelegate(TestTenants.of(this.graph, this.exchange),
			EvidenceFakes.properties(65536), EvidenceFakes.JSON);

	@BeforeEach
	void noForwardingUnlessATestSetsSome() {
		given(this.exchange.getMailboxForwarding(MAILBOX))
			.willReturn(new MailboxForwarding(MAILBOX, null, null, false));
	}

	@Test
	void hiddenRulesAndForwardingOutsideAreFlaggedAndOfferedForTheCleanUp() {
		given(this.exchange.getInboxRules(MAILBOX)).willReturn(List.of(
				rule("adele\\1", "Sync", List.of("drop@evil.example"), null, false),
				rule("adele\\2", "Team", List.of("bob@contoso.onmicrosoft.com"), null, false),
				rule("adele\\3", "Mark newsletters read", List.of(), null, false),
				rule("adele\\4", "..", List.of(), "RSS Feeds", true)));
		// Graph sees every rule but "Sync": Exchange's -IncludeHidden shows a rule Graph cannot, a hidden one.
		givenGraphReads(EvidenceReads.empty()
			.rules(EvidenceReads.visibleRule("Team"), EvidenceReads.visibleRule("Mark newsletters read"),
					EvidenceReads.visibleRule(".."))
			.build());
		DelegateExecution execution = mailboxCase(Map.of());
		this.delegate.execute(execution);

		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.RULES)).isEqualTo(
				"'Sync': HIDDEN: Outlook and Graph do not list it, only Exchange does (an attacker's trick); forwards to drop@evil.example, outside the organisation (mail leaves without anyone seeing it)\n"
						+ "'Team': forwards to bob@contoso.onmicrosoft.com\n"
						+ "'..': deletes mail; moves mail to 'RSS Feeds' (a folder attackers hide in); its name is only "
						+ "punctuation ('..'), so it is easy to miss in Outlook's list of rules");
		// The reviewer ticks rules to disable from these options; a harmless rule is not among them.
		JsonNode options = EvidenceFakes.json(execution, CaseVariables.RULE_OPTIONS);
		assertThat(options.findValuesAsText("value")).containsExactly("adele\\1", "adele\\2", "adele\\4");
		assertThat(options.get(0).path("label").asText())
			.isEqualTo("'Sync': HIDDEN: Outlook and Graph do not list it, only Exchange does (an attacker's trick); forwards to drop@evil.example, outside the organisation (mail leaves without anyone seeing it)");
		JsonNode sync = EvidenceFakes.evidence(execution).path("inboxRules").get(0);
		assertThat(sync.path("hidden").asBoolean()).isTrue();
		assertThat(sync.path("identity").asText()).isEqualTo("adele\\1");
	}

	@Test
	void whenGraphCannotListRulesNoRuleIsCalledHidden() {
		// Without Graph's list nothing tells a hidden rule from a visible one: saying HIDDEN would mislead.
		given(this.exchange.getInboxRules(MAILBOX))
			.willReturn(List.of(rule("adele\\1", "Sync", List.of("drop@evil.example"), null, false)));
		givenGraphReads(EvidenceReads.empty()
			.rulesFailed(TenantFailures.forbidden(TenantApi.GRAPH, "listInboxRules"))
			.build());
		DelegateExecution execution = mailboxCase(Map.of());
		this.delegate.execute(execution);
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.RULES))
			.isEqualTo("'Sync': forwards to drop@evil.example, outside the organisation (mail leaves without anyone seeing it)");
	}

	@Test
	void forwardingIsNamedWithItsTargetAndWhetherACopyIsKept() {
		given(this.exchange.getMailboxForwarding(MAILBOX))
			.willReturn(new MailboxForwarding(MAILBOX, "smtp:drop@evil.example", null, false));
		givenGraphReads(EvidenceReads.empty().build());
		DelegateExecution execution = mailboxCase(Map.of());
		this.delegate.execute(execution);
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.FORWARDING))
			.isEqualTo("Forwards all mail to drop@evil.example without keeping a copy.");
		assertThat(EvidenceFakes.evidence(execution).path("mailboxForwarding").path("forwarding").asBoolean())
			.isTrue();
	}

	@Test
	void aSourceRefusedForPermissionOrLicenceIsNotedAndTheStepGoesOn() {
		given(this.exchange.getInboxRules(MAILBOX)).willReturn(List.of());
		given(this.exchange.getMailboxForwarding(MAILBOX))
			.willThrow(TenantFailures.forbidden(TenantApi.EXCHANGE, "Get-Mailbox"));
		givenGraphReads(EvidenceReads.empty()
			.signInsFailed(TenantFailures.forbidden(TenantApi.GRAPH, "listSignIns"))
			.build());
		DelegateExecution execution = mailboxCase(Map.of());
		this.delegate.execute(execution);

		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.FORWARDING))
			.startsWith("Unavailable: Exchange Online Get-Mailbox failed: HTTP 403");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.SIGN_INS))
			.startsWith("Unavailable: Graph listSignIns failed: HTTP 403");
		assertThat(EvidenceFakes.evidence(execution).path("unavailable").findValuesAsText("source"))
			.containsExactly("mailboxForwarding", "signIns");
		// The other sources are there as usual.
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.RULES))
			.isEqualTo("No inbox rule forwards, redirects, deletes or moves mail.");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.RISK))
			.isEqualTo("Identity Protection has no risk recorded.");
	}

	@Test
	void anOutageIsNotSwallowedTheJobRetriesTheStep() {
		given(this.exchange.getInboxRules(MAILBOX))
			.willThrow(TenantFailures.unavailable(TenantApi.EXCHANGE, "Get-InboxRule"));
		givenGraphReads(EvidenceReads.empty().build());
		DelegateExecution execution = mailboxCase(Map.of());
		assertThatThrownBy(() -> this.delegate.execute(execution)).isInstanceOf(TenantException.class);
		assertThat(execution.getVariable(CaseVariables.EVIDENCE)).isNull();
	}

	@Test
	void signInsRiskAndMethodsAreSaidInWords() {
		Instant now = Instant.now();
		givenGraphReads(EvidenceReads.empty()
			.signIns(List.of(signIn(now, "GB", "Browser", 0), signIn(now, "GB", "Mobile Apps and Desktop clients", 0),
					signIn(now, "NG", "IMAP4", 50126)))
			.risk(new RiskyUser(USER_ID, "high", "atRisk", "none", now))
			.methods(method("passwordAuthenticationMethod"), method("microsoftAuthenticatorAuthenticationMethod"))
			.build());
		DelegateExecution execution = mailboxCase(Map.of());
		this.delegate.execute(execution);
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.SIGN_INS))
			.isEqualTo("3 sign-ins in the last 7 days from City, GB: 2; City, NG: 1; 1 failed; 1 over legacy protocols "
					+ "[IMAP4], which do not ask for a second factor: a stolen password alone is enough there.");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.RISK))
			.isEqualTo("High risk: Identity Protection considers the account at risk now (Entra: riskLevel high, "
					+ "riskState atRisk).");
		assertThat(EvidenceFakes.summary(execution, EvidenceSummary.MFA_METHODS))
			.isEqualTo("Second factors registered: microsoftAuthenticator.");
	}

	@Test
	void theContainmentSaysWhatWasAndWasNotDone() {
		givenGraphReads(EvidenceReads.empty().build());
		DelegateExecution live = mailboxCase(Map.of(CaseVariables.PASSWORD_RESET, ResetPasswordDelegate.RESET,
				CaseVariables.SESSIONS_REVOKED, CaseContext.SESSIONS_REVOKED, CaseVariables.MFA_OUTCOME,
				"Per-user MFA set to enforced (was disabled)."));
		this.delegate.execute(live);
		assertThat(live.getVariable(CaseVariables.CONTAINMENT_SUMMARY)).isEqualTo(
				"Password reset to an unknown random value; change forced at next sign-in.\n"
						+ "Sign-in sessions revoked (app passwords are not: check for them).\n"
						+ "Per-user MFA set to enforced (was disabled).");

		DelegateExecution synced = mailboxCase(Map.of(CaseVariables.PASSWORD_RESET,
				ResetPasswordDelegate.NOT_POSSIBLE, CaseVariables.DRY_RUN, true, CaseVariables.SESSIONS_REVOKED,
				DryRun.NOT_SENT));
		this.delegate.execute(synced);
		assertThat((String) synced.getVariable(CaseVariables.CONTAINMENT_SUMMARY)).startsWith("DRY RUN: ")
			.contains("Password NOT reset: the user is synced from on-premises.")
			.endsWith("Sessions NOT revoked.");
	}

	@Test
	void earlierCasesAndARepeatAreCountedForTheReviewer() {
		givenGraphReads(EvidenceReads.empty().build());
		DelegateExecution first = mailboxCase(Map.of());
		this.delegate.execute(first);
		assertThat(EvidenceFakes.summary(first, EvidenceSummary.HISTORY)).isEqualTo("First case for " + MAILBOX + ".");

		DelegateExecution repeat = EvidenceFakes.withHistory(
				CaseVariablesFake.execution(variables(Map.of(CaseVariables.RECENT_CASES, 1L))), "mailbox:" + MAILBOX, 2,
				1);
		this.delegate.execute(repeat);
		assertThat(EvidenceFakes.summary(repeat, EvidenceSummary.HISTORY)).isEqualTo("2 earlier case(s), 1 earlier "
				+ "unblock(s) by the runbook. REPEAT: 1 case(s) closed within the repeat window. Microsoft limits how "
				+ "often one account can be unblocked.");
		assertThat(EvidenceFakes.evidence(repeat).path("history").path("earlierUnblocks").asLong()).isEqualTo(1);
	}

	@Test
	void theDocumentStaysWithinItsBoundCuttingSignInsFirstThenRules() {
		List<InboxRule> rules = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			rules.add(rule("adele\\" + i, "rule " + i + " " + "r".repeat(150), List.of("drop" + i + "@evil.example"),
					null, false));
		}
		given(this.exchange.getInboxRules(MAILBOX)).willReturn(rules);
		List<SignIn> signIns = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			signIns.add(signIn(Instant.now(), "NG", "IMAP4", 0));
		}
		givenGraphReads(EvidenceReads.empty().signIns(signIns).build());
		int max = 12000;
		GatherEvidenceDelegate bounded = new GatherEvidenceDelegate(TestTenants.of(this.graph, this.exchange),
				EvidenceFakes.properties(max), EvidenceFakes.JSON);
		DelegateExecution execution = mailboxCase(Map.of());
		bounded.execute(execution);

		JsonNode evidence = EvidenceFakes.evidence(execution);
		assertThat(EvidenceFakes.size(execution)).isLessThanOrEqualTo(max);
		assertThat(evidence.path("truncated").asBoolean()).isTrue();
		assertThat(evidence.path("signIns").path("recent")).isEmpty();
		assertThat(evidence.path("signIns").path("total").asInt()).as("the counts stay").isEqualTo(30);
		assertThat(evidence.path("inboxRules").size()).isBetween(1, 39);
	}

	private void givenGraphReads(MailboxEvidenceReads reads) {
		given(this.graph.readMailboxEvidence(eq(USER_ID), any(Instant.class))).willReturn(reads);
	}

	private static InboxRule rule(String identity, String name, List<String> forwardTo, String folder,
			boolean deletes) {
		return new InboxRule(identity, name, true, forwardTo, List.of(), List.of(), deletes, false, false, folder,
				null);
	}

	private static SignIn signIn(Instant at, String country, String client, int errorCode) {
		return new SignIn("s", at, "Office 365 Exchange Online", client, "198.51.100.7", country, "City", errorCode,
				(errorCode == 0) ? null : "Invalid username or password", "none");
	}

	private static AuthenticationMethod method(String type) {
		return new AuthenticationMethod("m-" + type, type);
	}

	private static DelegateExecution mailboxCase(Map<String, Object> extra) {
		return EvidenceFakes.withHistory(CaseVariablesFake.execution(variables(extra)), "mailbox:" + MAILBOX, 0, 0);
	}

	private static Map<String, Object> variables(Map<String, Object> extra) {
		Map<String, Object> variables = new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, MAILBOX, CaseVariables.USER_ID, USER_ID, CaseVariables.DRY_RUN, false,
				CaseVariables.RESTRICTION_REASON, "EmailSendingLimitExceeded"));
		variables.putAll(extra);
		return variables;
	}

}
