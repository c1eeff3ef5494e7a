package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenant.InboxRuleSpec;
import org.soc.runbook.simulator.SimulatorCall;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link GraphClient} against the simulated tenant over real HTTP. */
@RunbookIntegrationTest
class GraphClientTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	GraphClient graph;

	@Autowired
	SimulatedTenant tenant;

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void getUserTellsCloudUsersFromSyncedOnes() {
		String cloud = newUser();
		String synced = newUser();
		this.tenant.syncFromOnPremises(synced);

		GraphUser cloudUser = this.graph.getUser(cloud);
		assertThat(cloudUser.userPrincipalName()).isEqualTo(cloud);
		assertThat(cloudUser.accountEnabled()).isTrue();
		assertThat(cloudUser.onPremisesSyncEnabled()).isFalse();
		assertThat(this.graph.getUser(synced).onPremisesSyncEnabled()).isTrue();
		assertThat(this.graph.getUser(cloudUser.id()).userPrincipalName()).isEqualTo(cloud);
	}

	@Test
	void unknownUserIsNotFound() {
		assertThatThrownBy(() -> this.graph.getUser("nobody@contoso.onmicrosoft.com"))
			.isInstanceOf(TenantNotFoundException.class)
			.hasMessageContaining("Request_ResourceNotFound");
	}

	@Test
	void resetPasswordForcesAChangeAndTheCallLogNeverHoldsThePassword() {
		String upn = newUser();
		String password = "Xq7!vR2#pL9@wM4z";
		this.graph.resetPassword(upn, password);

		SimulatedTenant.UserSnapshot state = this.tenant.userState(upn);
		assertThat(state.passwordResets()).isEqualTo(1);
		assertThat(state.forceChangePasswordNextSignIn()).isTrue();
		assertThat(this.tenant.receivedPassword(upn)).contains(password);
		assertThat(this.tenant.calls("resetPassword")).singleElement()
			.satisfies((call) -> assertThat(call.parameters()).containsEntry("forceChangePasswordNextSignIn", "true"));
		assertThat(this.tenant.calls().toString()).doesNotContain(password);
	}

	@Test
	void resetPasswordOfASyncedUserIsRefusedWithTheReason() {
		String upn = newUser();
		this.tenant.syncFromOnPremises(upn);
		assertThatThrownBy(() -> this.graph.resetPassword(upn, "Xq7!vR2#pL9@wM4z"))
			.isInstanceOf(TenantRequestException.class)
			.hasMessageContaining("on-premises mastered")
			.hasMessageNotContaining("Xq7!vR2#pL9@wM4z");
		assertThat(this.tenant.userState(upn).passwordResets()).isZero();
	}

	@Test
	void revokeSignInSessionsMovesTheValidFromTime() {
		String upn = newUser();
		Instant before = Instant.now().minusSeconds(1);
		this.graph.revokeSignInSessions(upn);
		assertThat(this.tenant.userState(upn).sessionsValidFrom()).isAfter(before);
	}

	@Test
	void perUserMfaIsReadAndSetThroughBeta() {
		String upn = newUser();
		String withPhone = newUser();
		this.tenant.addAuthenticationMethod(withPhone, "phoneAuthenticationMethod");

		assertThat(this.graph.getPerUserMfaState(upn)).isEqualTo("disabled");
		this.graph.setPerUserMfaState(upn, "enabled");
		this.graph.setPerUserMfaState(withPhone, "enabled");
		assertThat(this.graph.getPerUserMfaState(upn)).isEqualTo("enabled");
		// A user with a second factor registered goes straight to enforced, as Microsoft documents.
		assertThat(this.tenant.userState(withPhone).perUserMfaState()).isEqualTo("enforced");
		assertThat(this.tenant.calls("setPerUserMfaState")).hasSize(2);
	}

	@Test
	void addingAMemberTwiceIsHarmless() {
		String upn = newUser();
		String userId = this.tenant.userState(upn).id();
		this.tenant.addGroup("11111111-aaaa-4bbb-8ccc-000000000001", "CA MFA");
		this.graph.addGroupMember("11111111-aaaa-4bbb-8ccc-000000000001", userId);
		this.graph.addGroupMember("11111111-aaaa-4bbb-8ccc-000000000001", userId);
		assertThat(this.tenant.userState(upn).groups()).containsExactly("11111111-aaaa-4bbb-8ccc-000000000001");
	}

	@Test
	void authenticationMethodsAreReadAcrossPages() {
		String upn = newUser();
		this.tenant.addAuthenticationMethod(upn, "microsoftAuthenticatorAuthenticationMethod");
		this.tenant.addAuthenticationMethod(upn, "fido2AuthenticationMethod");
		this.tenant.pageSize(2);
		this.tenant.clearCalls();

		List<AuthenticationMethod> methods = this.graph.listAuthenticationMethods(upn);
		assertThat(methods).extracting(AuthenticationMethod::type)
			.containsExactly("passwordAuthenticationMethod", "microsoftAuthenticatorAuthenticationMethod",
					"fido2AuthenticationMethod");
		assertThat(methods).filteredOn(AuthenticationMethod::isSecondFactor).hasSize(2);
		assertThat(this.tenant.calls("listAuthenticationMethods")).hasSize(2);
	}

	@Test
	void inboxRulesShowForwardingButNotHiddenRulesAndCanBeDisabled() {
		String upn = newUser();
		this.tenant.addInboxRule(upn,
				new InboxRuleSpec("fwd", false, List.of("Thief@Evil.example"), List.of(), false, null));
		this.tenant.addInboxRule(upn, new InboxRuleSpec("hidden", true, List.of(), List.of(), true, null));

		List<MessageRule> rules = this.graph.listInboxRules(upn);
		assertThat(rules).singleElement().satisfies((rule) -> {
			assertThat(rule.displayName()).isEqualTo("fwd");
			assertThat(rule.forwardTo()).containsExactly("thief@evil.example");
			assertThat(rule.enabled()).isTrue();
		});
		this.graph.disableInboxRule(upn, rules.get(0).id());
		assertThat(this.tenant.userState(upn).inboxRulesEnabled()).containsEntry("fwd", false)
			.containsEntry("hidden", true);
	}

	@Test
	void signInsSinceAGivenTimeAcrossPages() {
		String upn = newUser();
		Instant now = Instant.now();
		this.tenant.addSignIn(upn, now.minus(Duration.ofDays(10)), "Browser", "1.1.1.1", "GB", "London", 0);
		this.tenant.addSignIn(upn, now.minus(Duration.ofHours(3)), "IMAP", "2.2.2.2", "NG", "Lagos", 0);
		this.tenant.addSignIn(upn, now.minus(Duration.ofHours(2)), "Authenticated SMTP", "2.2.2.2", "NG", "Lagos",
				50126);
		this.tenant.addSignIn(upn, now.minus(Duration.ofHours(1)), "Browser", "1.1.1.1", "GB", "London", 0);
		this.tenant.pageSize(2);

		List<SignIn> signIns = this.graph.listSignIns(this.tenant.userState(upn).id(), now.minus(Duration.ofDays(7)));
		assertThat(signIns).extracting(SignIn::clientAppUsed).containsExactly("Browser", "Authenticated SMTP", "IMAP");
		assertThat(signIns.get(1).succeeded()).isFalse();
		assertThat(signIns.get(2).countryOrRegion()).isEqualTo("NG");
	}

	@Test
	void missingP1LicenceIsUnlicensedAndMissingPermissionIsForbidden() {
		String upn = newUser();
		String userId = this.tenant.userState(upn).id();
		this.tenant.licences(false, true);
		assertThatThrownBy(() -> this.graph.listSignIns(userId, Instant.now().minusSeconds(3600)))
			.isInstanceOf(TenantUnlicensedException.class);
		this.tenant.licences(true, true);
		this.tenant.faults().forbid("listSignIns");
		assertThatThrownBy(() -> this.graph.listSignIns(userId, Instant.now().minusSeconds(3600)))
			.isInstanceOf(TenantForbiddenException.class)
			.isNotInstanceOf(TenantUnlicensedException.class)
			.hasMessageContaining("Authorization_RequestDenied");
	}

	@Test
	void riskyUserIsReadAndCanBeConfirmedCompromised() {
		String clean = newUser();
		String risky = newUser();
		this.tenant.setRisk(risky, "medium", "atRisk", "none");
		String riskyId = this.tenant.userState(risky).id();

		assertThat(this.graph.getRiskyUser(this.tenant.userState(clean).id())).isEmpty();
		assertThat(this.graph.getRiskyUser(riskyId)).get().extracting(RiskyUser::riskLevel).isEqualTo("medium");
		this.graph.confirmCompromised(riskyId);
		assertThat(this.graph.getRiskyUser(riskyId)).get()
			.satisfies((r) -> assertThat(r.riskState()).isEqualTo("confirmedCompromised"));
		this.tenant.licences(true, false);
		assertThatThrownBy(() -> this.graph.getRiskyUser(riskyId)).isInstanceOf(TenantUnlicensedException.class);
	}

	@Test
	void alertsAreFilteredOnDocumentedFieldsAndMatchedOnTitleHere() {
		String upn = newUser();
		Instant now = Instant.now();
		this.tenant.addAlert("User restricted from sending email", "high", now.minusSeconds(60), upn);
		this.tenant.addAlert("Something else", "low", now.minusSeconds(50), upn);
		this.tenant.addAlert("User restricted from sending email", "high", now.minus(Duration.ofDays(30)), upn);
		this.tenant.pageSize(1);
		this.tenant.clearCalls();

		List<SecurityAlert> alerts = this.graph.listAlerts(now.minusSeconds(120),
				List.of("user restricted from sending email", "Suspicious connector activity"));
		assertThat(alerts).singleElement().satisfies((alert) -> {
			assertThat(alert.mailboxes()).containsExactly(upn);
			assertThat(alert.serviceSource()).isEqualTo("microsoftDefenderForOffice365");
		});
		List<SimulatorCall> calls = this.tenant.calls("listAlerts");
		assertThat(calls).hasSizeGreaterThan(1);
		assertThat(calls.get(0).parameters().get("$filter")).startsWith("createdDateTime ge ").doesNotContain("title");
	}

	@Test
	void briefThrottlingIsWaitedOutNoSoonerThanRetryAfter() {
		String upn = newUser();
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, Duration.ofSeconds(1));

		assertThat(this.graph.getUser(upn).userPrincipalName()).isEqualTo(upn);
		List<SimulatorCall> calls = this.tenant.calls("getUser");
		assertThat(calls).extracting(SimulatorCall::status).containsExactly(429, 200);
		assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void longThrottlingIsHandedToTheCallerWithRetryAfter() {
		String upn = newUser();
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, Duration.ofSeconds(120));

		assertThatThrownBy(() -> this.graph.getUser(upn)).isInstanceOfSatisfying(TenantThrottledException.class,
				(ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(120)));
		assertThat(this.tenant.calls("getUser")).hasSize(1);
	}

	@Test
	void serverErrorsAreTransientAndRetryable() {
		String upn = newUser();
		this.tenant.faults().failNext(1, 503);
		assertThatThrownBy(() -> this.graph.revokeSignInSessions(upn))
			.isInstanceOfSatisfying(TenantTransientException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.isRetryable()).isTrue();
			});
	}

	private String newUser() {
		String upn = "graph.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(upn, "Graph User");
		return upn;
	}

}
