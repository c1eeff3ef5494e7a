package org.soc.runbook.tenant;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant.InboxRuleSpec;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatorCall;
import org.soc.runbook.tenant.graph.AuthenticationMethod;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;
import org.soc.runbook.tenant.graph.MailboxEvidenceReads;
import org.soc.runbook.tenant.graph.MessageRule;
import org.soc.runbook.tenant.graph.RiskyUser;
import org.soc.runbook.tenant.graph.SecurityAlert;
import org.soc.runbook.tenant.graph.SignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link GraphClient} against the simulated tenant over real HTTP. */
@RunbookIntegrationTest
class GraphClientTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	GraphClient graph;

	@Autowired
	SimulatedTenant tenant;

	AccessTokenProvider tokens;

	@Autowired
	TenantEndpoints endpoints;

	@Autowired
	TenantProperties properties;

	@Autowired
	RestClient.Builder builder;

	@Autowired
	ObjectMapper json;

	/** The single tenant's clients: the deployment under test serves one. */
	@Autowired
	void singleTenantClients(RunbookTenants tenants) {
		this.graph = tenants.clients(null).graph();
		this.tokens = tenants.clients(null).tokens();
	}

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
	void aServiceUnavailableWithAShortRetryAfterIsWaitedOutInPlace() {
		String user = newUser();
		this.tenant.faults().unavailableNext(1, Duration.ofSeconds(1), SimulatedApi.GRAPH);

		assertThat(this.graph.getUser(user).userPrincipalName()).isEqualTo(user);
		List<SimulatorCall> calls = this.tenant.calls("getUser")
			.stream()
			.filter((c) -> c.target().equals(user))
			.toList();
		assertThat(calls).extracting(SimulatorCall::status).containsExactly(503, 200);
		assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).as("not before the Retry-After")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aServiceUnavailableWithALongRetryAfterIsLeftToTheCallerWithItsWait() {
		String user = newUser();
		this.tenant.faults().unavailableNext(1, Duration.ofMinutes(2), SimulatedApi.GRAPH);

		assertThatThrownBy(() -> this.graph.getUser(user)).isInstanceOfSatisfying(TenantTransientException.class,
				(ex) -> assertThat(ex.retryAfter()).contains(Duration.ofMinutes(2)));
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

		assertThatThrownBy(() -> ownGraph().getUser(upn)).isInstanceOfSatisfying(TenantThrottledException.class,
				(ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(120)));
		assertThat(this.tenant.calls("getUser")).hasSize(1);
	}

	@Test
	void whileALongRetryAfterHoldsAnOperationOtherJobsParkWithoutSendingItButAPersonsRequestGoes() {
		String first = newUser();
		String second = newUser();
		AtomicReference<OptionalLong> lane = new AtomicReference<>(OptionalLong.of(200));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		GraphClient inAJob = new GraphClient(new TenantHttp(TenantConfiguration.restClient(this.builder,
				this.properties), this.tokens, this.properties, (duration) -> Thread.sleep(duration.toMillis()),
				new TenantReachability(), new TenantCallMetrics(meters), this.json,
				new CallLanes(lane::get)), this.endpoints, this.json);
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, Duration.ofSeconds(120), SimulatedApi.GRAPH);
		assertThatThrownBy(() -> inAJob.getUser(first)).isInstanceOf(TenantThrottledException.class);

		assertThatThrownBy(() -> inAJob.getUser(second)).isInstanceOfSatisfying(TenantThrottledException.class,
				(parked) -> {
					assertThat(parked.yielded()).isTrue();
					assertThat(parked.retryAfter()).get()
						.satisfies((wait) -> assertThat(wait).isGreaterThan(Duration.ofSeconds(110))
							.isLessThanOrEqualTo(Duration.ofSeconds(120)));
				});
		assertThat(this.tenant.calls("getUser")).as("the second job's call was not sent into the throttle")
			.hasSize(1);
		assertThat(meters.counter(TenantCallMetrics.PARKED, "tenant", "default", "api", "graph", "operation",
				"getUser")
			.count()).isEqualTo(1);

		// A person's request, outside any job, goes: Microsoft's own answer is what they see.
		lane.set(OptionalLong.empty());
		assertThat(inAJob.getUser(second).userPrincipalName()).isEqualTo(second);
		assertThat(this.tenant.calls("getUser")).extracting(SimulatorCall::status).containsExactly(429, 200);
	}

	@Test
	void aShortRetryAfterHoldsTheOperationForEveryThreadButNotOtherOperations() throws Exception {
		String first = newUser();
		String second = newUser();
		String secondId = this.tenant.userState(second).id();
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, Duration.ofSeconds(2), SimulatedApi.GRAPH);
		ExecutorService otherJob = Executors.newSingleThreadExecutor();
		try {
			Future<GraphUser> told = otherJob.submit(() -> this.graph.getUser(first));
			Instant deadline = Instant.now().plusSeconds(10);
			while (this.tenant.calls("getUser").isEmpty() && Instant.now().isBefore(deadline)) {
				Thread.sleep(10);
			}
			SimulatorCall refused = this.tenant.calls("getUser").get(0);
			assertThat(refused.status()).isEqualTo(429);
			// The simulator logs the 429 as it answers; the client reads the answer a moment later.
			Thread.sleep(300);

			// Another job, while the first one waits out its Retry-After: a different operation goes at once, the
			// same operation waits too instead of being sent into the throttle.
			this.graph.listAuthenticationMethods(secondId);
			assertThat(this.graph.getUser(second).userPrincipalName()).isEqualTo(second);
			assertThat(told.get(10, TimeUnit.SECONDS).userPrincipalName()).isEqualTo(first);

			assertThat(Duration.between(refused.at(), this.tenant.calls("listAuthenticationMethods").get(0).at()))
				.as("another operation is not held")
				.isLessThan(Duration.ofSeconds(2));
			List<SimulatorCall> getUsers = this.tenant.calls("getUser");
			assertThat(getUsers).extracting(SimulatorCall::status).containsExactly(429, 200, 200);
			for (SimulatorCall later : getUsers.subList(1, getUsers.size())) {
				assertThat(Duration.between(refused.at(), later.at())).as("nothing before the Retry-After")
					.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
			}
		}
		finally {
			otherJob.shutdownNow();
		}
	}

	@Test
	void whileAContainmentCallWaitsOutItsRetryAfterTheEvidenceOfOtherJobsIsNotSent() throws Exception {
		String first = newUser();
		String secondId = this.tenant.userState(newUser()).id();
		ThreadLocal<Long> priority = new ThreadLocal<>();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		GraphClient laned = new GraphClient(new TenantHttp(TenantConfiguration.restClient(this.builder,
				this.properties), this.tokens, this.properties, (duration) -> Thread.sleep(duration.toMillis()),
				new TenantReachability(), new TenantCallMetrics(meters), this.json,
				new CallLanes(() -> (priority.get() == null) ? OptionalLong.empty()
						: OptionalLong.of(priority.get()))),
				this.endpoints, this.json);
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, Duration.ofSeconds(2), SimulatedApi.GRAPH);
		ExecutorService containmentJob = Executors.newSingleThreadExecutor();
		try {
			Future<GraphUser> told = containmentJob.submit(() -> {
				priority.set(200L);
				return laned.getUser(first);
			});
			Instant deadline = Instant.now().plusSeconds(10);
			while (this.tenant.calls("getUser").isEmpty() && Instant.now().isBefore(deadline)) {
				Thread.sleep(10);
			}
			assertThat(this.tenant.calls("getUser").get(0).status()).isEqualTo(429);
			Thread.sleep(300);

			// An evidence job's read, another operation: held back unsent, with the wait its job parks for.
			priority.set(100L);
			assertThatThrownBy(() -> laned.listAuthenticationMethods(secondId))
				.isInstanceOfSatisfying(TenantThrottledException.class, (held) -> {
					assertThat(held.yielded()).isTrue();
					assertThat(held.retryAfter()).get()
						.satisfies((wait) -> assertThat(wait).isGreaterThan(Duration.ofSeconds(1))
							.isLessThanOrEqualTo(Duration.ofSeconds(2).plus(CallLanes.GRACE)));
				});
			assertThat(this.tenant.calls("listAuthenticationMethods")).as("Microsoft never saw it").isEmpty();
			assertThat(meters.counter(TenantCallMetrics.HELD, "tenant", "default", "api", "graph", "operation",
					"listAuthenticationMethods")
				.count()).as("counted for the operator").isEqualTo(1);

			// A person's request, outside any job, is not held.
			priority.remove();
			assertThat(laned.listAuthenticationMethods(secondId)).isNotNull();
			assertThat(told.get(10, TimeUnit.SECONDS).userPrincipalName()).isEqualTo(first);
		}
		finally {
			containmentJob.shutdownNow();
		}
	}

	@Test
	void aJobWhoseTenantHasItsShareOfThreadsAsleepParksInsteadOfWaitingOutTheRetryAfterInPlace() {
		String upn = newUser();
		InPlaceWaits waits = new InPlaceWaits(2);
		// Two tenants throttled at once on a node of two job threads: each may have one asleep, and this one has.
		assertThat(waits.enter("fabrikam")).isTrue();
		assertThat(waits.enter("default")).isTrue();
		List<Duration> slept = new CopyOnWriteArrayList<>();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		GraphClient inAJob = new GraphClient(new TenantHttp(TenantConfiguration.restClient(this.builder,
				this.properties), this.tokens, this.properties, slept::add, new TenantReachability(),
				new TenantCallMetrics(meters), this.json,
				new CallLanes(() -> OptionalLong.of(200), waits.of("default"))), this.endpoints, this.json);
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, Duration.ofSeconds(1), SimulatedApi.GRAPH);

		assertThatThrownBy(() -> inAJob.revokeSignInSessions(upn))
			.isInstanceOfSatisfying(TenantThrottledException.class, (parked) -> {
				assertThat(parked.yielded()).as("flow control of our own: its job parks, retries untouched").isTrue();
				assertThat(parked.errorCode()).isEqualTo(TenantThrottledException.PARKED);
				assertThat(parked.retryAfter()).as("until Microsoft's Retry-After").contains(Duration.ofSeconds(1));
			});
		assertThat(slept).as("the thread went back to other work at once").isEmpty();
		assertThat(this.tenant.calls("revokeSignInSessions")).hasSize(1);
		assertThat(meters.counter(TenantCallMetrics.PARKED, "tenant", "default", "api", "graph", "operation",
				"revokeSignInSessions")
			.count()).as("counted for the operator who sizes the job executor").isEqualTo(1);

		// Its thread asleep woke: the same call now waits out its hold in place and goes the moment it ends.
		waits.leave("default");
		inAJob.revokeSignInSessions(upn);
		assertThat(slept).hasSize(1);
		assertThat(this.tenant.calls("revokeSignInSessions")).extracting(SimulatorCall::status).containsExactly(429,
				200);
		assertThat(waits.asleep()).as("the waker gave its thread back; fabrikam's is still asleep").isEqualTo(1);
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

	@Test
	void theEvidenceReadsGoInOneBatchAndReadAsTheyWouldAlone() {
		String upn = newUser();
		String userId = this.tenant.userState(upn).id();
		Instant now = Instant.now();
		this.tenant.addInboxRule(upn,
				new InboxRuleSpec("fwd", false, List.of("Thief@Evil.example"), List.of(), false, null));
		this.tenant.addInboxRule(upn, new InboxRuleSpec("hidden", true, List.of(), List.of(), true, null));
		this.tenant.addSignIn(upn, now.minus(Duration.ofDays(10)), "Browser", "1.1.1.1", "GB", "London", 0);
		this.tenant.addSignIn(upn, now.minus(Duration.ofHours(3)), "IMAP", "2.2.2.2", "NG", "Lagos", 0);
		this.tenant.addSignIn(upn, now.minus(Duration.ofHours(2)), "Authenticated SMTP", "2.2.2.2", "NG", "Lagos",
				50126);
		this.tenant.addSignIn(upn, now.minus(Duration.ofHours(1)), "Browser", "1.1.1.1", "GB", "London", 0);
		this.tenant.addAuthenticationMethod(upn, "microsoftAuthenticatorAuthenticationMethod");
		this.tenant.addAuthenticationMethod(upn, "fido2AuthenticationMethod");
		this.tenant.setRisk(upn, "high", "atRisk", "none");
		this.tenant.pageSize(2);
		this.tenant.clearCalls();

		MailboxEvidenceReads reads = this.graph.readMailboxEvidence(userId, now.minus(Duration.ofDays(7)));

		assertThat(reads.inboxRules().get()).singleElement()
			.satisfies((rule) -> assertThat(rule.forwardTo()).containsExactly("thief@evil.example"));
		assertThat(reads.signIns().get()).extracting(SignIn::clientAppUsed)
			.containsExactly("Browser", "Authenticated SMTP", "IMAP");
		assertThat(reads.risk().get()).get().extracting(RiskyUser::riskLevel).isEqualTo("high");
		assertThat(reads.methods().get()).extracting(AuthenticationMethod::type)
			.containsExactly("passwordAuthenticationMethod", "microsoftAuthenticatorAuthenticationMethod",
					"fido2AuthenticationMethod");
		// One batch carried the four first pages; the second pages of sign-ins and methods followed on their own.
		List<SimulatorCall> graphCalls = this.tenant.calls()
			.stream()
			.filter((call) -> call.api() == SimulatedApi.GRAPH)
			.toList();
		assertThat(graphCalls).filteredOn((call) -> call.parameters().containsKey("$batch"))
			.extracting(SimulatorCall::operation)
			.containsExactlyInAnyOrder("listInboxRules", "listSignIns", "getRiskyUser", "listAuthenticationMethods");
		assertThat(graphCalls).filteredOn((call) -> call.parameters().containsKey("$batch"))
			.extracting((call) -> call.parameters().get("$batch"))
			.containsOnly(graphCalls.get(0).parameters().get("$batch"));
		assertThat(graphCalls).filteredOn((call) -> !call.parameters().containsKey("$batch"))
			.extracting(SimulatorCall::operation)
			.containsExactlyInAnyOrder("listSignIns", "listAuthenticationMethods");
		assertThat(this.tenant.calls("listSignIns").get(0).parameters().get("$filter"))
			.startsWith("userId eq '" + userId + "' and createdDateTime ge ");
	}

	@Test
	void eachReadInTheBatchIsRefusedOnItsOwn() {
		String upn = newUser();
		String userId = this.tenant.userState(upn).id();
		this.tenant.licences(false, true);
		this.tenant.faults().forbid("listAuthenticationMethods");

		MailboxEvidenceReads reads = this.graph.readMailboxEvidence(userId, Instant.now().minusSeconds(3600));

		assertThatThrownBy(() -> reads.signIns().get()).isInstanceOf(TenantUnlicensedException.class);
		assertThatThrownBy(() -> reads.methods().get()).isInstanceOf(TenantForbiddenException.class)
			.isNotInstanceOf(TenantUnlicensedException.class)
			.hasMessageContaining("Authorization_RequestDenied")
			.hasMessageContaining("listAuthenticationMethods");
		assertThat(reads.risk().get()).as("never at risk").isEmpty();
		assertThat(reads.inboxRules().get()).isEmpty();
	}

	@Test
	void briefThrottlingInsideTheBatchIsWaitedOutAndOnlyTheThrottledReadsGoAgain() {
		String upn = newUser();
		String userId = this.tenant.userState(upn).id();
		this.tenant.setRisk(upn, "low", "atRisk", "none");
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(2, Duration.ofSeconds(1), SimulatedApi.GRAPH);

		MailboxEvidenceReads reads = this.graph.readMailboxEvidence(userId, Instant.now().minusSeconds(3600));

		assertThat(reads.risk().get()).get().extracting(RiskyUser::riskLevel).isEqualTo("low");
		assertThat(reads.methods().get()).isNotEmpty();
		List<SimulatorCall> throttled = this.tenant.calls().stream().filter((c) -> c.status() == 429).toList();
		assertThat(throttled).hasSize(2);
		for (SimulatorCall first : throttled) {
			List<SimulatorCall> same = this.tenant.calls(first.operation());
			assertThat(same).extracting(SimulatorCall::status).containsExactly(429, 200);
			assertThat(same.get(1).parameters().get("$batch")).isNotEqualTo(first.parameters().get("$batch"));
			assertThat(Duration.between(first.at(), same.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
		assertThat(this.tenant.calls().stream().filter((c) -> c.api() == SimulatedApi.GRAPH)).hasSize(6);
	}

	@Test
	void longThrottlingInsideTheBatchIsTheReadsFailureWithRetryAfter() {
		String upn = newUser();
		String userId = this.tenant.userState(upn).id();
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, Duration.ofSeconds(120), SimulatedApi.GRAPH);

		MailboxEvidenceReads reads = ownGraph().readMailboxEvidence(userId, Instant.now().minusSeconds(3600));

		assertThatThrownBy(() -> reads.inboxRules().get()).isInstanceOfSatisfying(TenantThrottledException.class,
				(ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(120)));
		assertThat(reads.signIns().get()).isEmpty();
		assertThat(this.tenant.calls("listInboxRules")).hasSize(1);
	}

	@Test
	void theSimulatedBatchKeepsGraphsRules() {
		String upn = newUser();
		String token = "Bearer " + this.tokens.token(TenantResource.GRAPH);
		RestClient raw = this.builder.build();
		String url = this.endpoints.graph() + "/v1.0/$batch";
		StringBuilder tooMany = new StringBuilder("{\"requests\":[");
		for (int i = 1; i <= 21; i++) {
			tooMany.append((i > 1) ? "," : "").append("{\"id\":\"").append(i)
				.append("\",\"method\":\"GET\",\"url\":\"/users/").append(upn).append("\"}");
		}
		tooMany.append("]}");

		assertThat(post(raw, url, token, tooMany.toString()).path("error").path("message").asText())
			.contains("maximum of 20");
		assertThat(post(raw, url, "Bearer not-a-token", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\","
				+ "\"url\":\"/users/x\"}]}").path("error").path("code").asText())
			.isEqualTo("InvalidAuthenticationToken");
		JsonNode answer = post(raw, url, token, "{\"requests\":["
				+ "{\"id\":\"a\",\"method\":\"PATCH\",\"url\":\"/users/" + upn + "\",\"body\":{}},"
				+ "{\"id\":\"b\",\"method\":\"GET\",\"url\":\"/users/" + upn + "?$select=id\"}]}");
		assertThat(answer.path("responses")).hasSize(2);
		for (JsonNode response : answer.path("responses")) {
			if (response.path("id").asText().equals("a")) {
				assertThat(response.path("status").asInt()).isEqualTo(400);
			}
			else {
				assertThat(response.path("status").asInt()).isEqualTo(200);
				assertThat(response.path("body").path("id").asText()).isNotBlank();
			}
		}
	}

	private JsonNode post(RestClient raw, String url, String authorization, String body) {
		TenantErrors errors = new TenantErrors(this.json);
		return raw.post()
			.uri(URI.create(url))
			.header("Authorization", authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, response) -> errors.readJson(response, TenantApi.GRAPH, "test", 1 << 20));
	}

	private String newUser() {
		String upn = "graph.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(upn, "Graph User");
		return upn;
	}

	/**
	 * A client of the tenant with Retry-After holds of its own: a test that makes Microsoft ask for minutes must not
	 * hold the application's own calls for the tests after it.
	 */
	private GraphClient ownGraph() {
		return new GraphClient(new TenantHttp(TenantConfiguration.restClient(this.builder, this.properties), this.tokens,
				this.properties, (duration) -> Thread.sleep(duration.toMillis()), this.json), this.endpoints, this.json);
	}

}
