package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.LoggerFactory;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.escalation.NotificationEvent;
import org.soc.runbook.escalation.Notifications;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantFailures;
import org.soc.runbook.tenant.TenantRequestException;
import org.soc.runbook.tenant.TenantWire;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willDoNothing;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The password reset of a contained mailbox: a user that does not exist escalates, a user synced from on-premises is
 * recorded as not reset (the reviewer must have it reset there), a live reset is recorded without the password ever
 * becoming part of the case, and a dry run records the request, password replaced, instead of sending it.
 */
class ResetPasswordDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private static final String USER_ID = "6e7b768e-07e2-4810-8459-485f84f8f204";

	private final GraphClient graph = mock(GraphClient.class);

	private final Notifications notifications = mock(Notifications.class);

	private final ResetPasswordDelegate delegate = new ResetPasswordDelegate(TestTenants.of(this.graph, null), this.notifications);

	@Test
	void aUserThatDoesNotExistEscalatesSayingWhichAddress() {
		given(this.graph.getUser(MAILBOX)).willThrow(TenantFailures.notFound(TenantApi.GRAPH, "getUser"));
		DelegateExecution execution = mailboxCase(false);
		assertThatThrownBy(() -> this.delegate.execute(execution)).isInstanceOfSatisfying(BpmnError.class,
				(error) -> assertThat(error.getErrorCode()).isEqualTo(RunbookErrors.USER_NOT_FOUND))
			.hasMessageContaining("No Entra user has the address " + MAILBOX + " (deleted or renamed?)");
		verify(this.graph, never()).resetPassword(anyString(), anyString());
		assertThat(execution.getVariable(CaseVariables.PASSWORD_RESET)).isNull();
	}

	@Test
	void aUserSyncedFromOnPremisesIsRecordedAsNotPossibleAndNothingIsSent() {
		given(this.graph.getUser(MAILBOX)).willReturn(user("Adele Vance", true));
		DelegateExecution execution = mailboxCase(false);
		this.delegate.execute(execution);
		// The reviewer reads this and must have the password reset on-premises before the release.
		assertThat(execution.getVariable(CaseVariables.PASSWORD_RESET)).isEqualTo(ResetPasswordDelegate.NOT_POSSIBLE);
		assertThat(execution.getVariable(CaseVariables.USER_ID)).isEqualTo(USER_ID);
		verify(this.graph, never()).resetPassword(anyString(), anyString());
	}

	@Test
	void graphsOwnRefusalOfASyncedUserIsNotPossibleAndAnyOtherRefusalFailsTheStep() {
		given(this.graph.getUser(MAILBOX)).willReturn(user("Adele Vance", false));
		willThrow(TenantFailures.refused(TenantApi.GRAPH, "resetPassword",
				"Unable to update the specified properties for on-premises mastered Directory Sync objects"))
			.given(this.graph)
			.resetPassword(eq(USER_ID), anyString());
		DelegateExecution synced = mailboxCase(false);
		this.delegate.execute(synced);
		assertThat(synced.getVariable(CaseVariables.PASSWORD_RESET)).isEqualTo(ResetPasswordDelegate.NOT_POSSIBLE);

		// Anything else Graph refuses (a password policy, say) is not silently recorded: the step fails.
		willThrow(TenantFailures.refused(TenantApi.GRAPH, "resetPassword", "The password does not meet complexity"))
			.given(this.graph)
			.resetPassword(eq(USER_ID), anyString());
		DelegateExecution refused = mailboxCase(false);
		assertThatThrownBy(() -> this.delegate.execute(refused)).isInstanceOf(TenantRequestException.class);
		assertThat(refused.getVariable(CaseVariables.PASSWORD_RESET)).isNull();
	}

	@Test
	void aRefusalForWantOfARoleIsRecordedAndTheLeadsAreToldWhichRoleIsMissing() {
		// An administrator's password: Graph answers 403 unless the app holds Privileged Authentication Administrator.
		// Retrying changes nothing; an incident would not say which role; the attacker may still know the password.
		given(this.graph.getUser(MAILBOX)).willReturn(user("Isaiah Langer", false));
		willThrow(TenantFailures.forbidden(TenantApi.GRAPH, "resetPassword")).given(this.graph)
			.resetPassword(eq(USER_ID), anyString());
		DelegateExecution execution = mailboxCase(false);

		this.delegate.execute(execution);

		assertThat(execution.getVariable(CaseVariables.PASSWORD_RESET)).isEqualTo(ResetPasswordDelegate.REFUSED);
		ArgumentCaptor<String> summary = ArgumentCaptor.forClass(String.class);
		verify(this.notifications).announce(eq(NotificationEvent.PASSWORD_RESET_REFUSED), any(), summary.capture(),
				any());
		assertThat(summary.getValue()).contains("The password of " + MAILBOX + " was NOT reset",
				"Privileged Authentication Administrator", "User Administrator");
	}

	@Test
	void theLogSaysThePasswordWasReplacedOnlyWhenItWas() {
		// Operators read this line during an incident: it must not claim a reset that Graph refused.
		Logger logger = (Logger) LoggerFactory.getLogger(ResetPasswordDelegate.class);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		// Whatever level an application test left in this JVM's logging, the line must reach the appender.
		Level level = logger.getLevel();
		logger.setLevel(Level.INFO);
		try {
			given(this.graph.getUser(MAILBOX)).willReturn(user("Adele Vance", false));
			willThrow(TenantFailures.refused(TenantApi.GRAPH, "resetPassword",
					"Unable to update the specified properties for on-premises mastered Directory Sync objects"))
				.given(this.graph)
				.resetPassword(eq(USER_ID), anyString());
			this.delegate.execute(mailboxCase(false));
			assertThat(messages(log)).noneMatch((line) -> line.contains("replaced"));

			given(this.graph.getUser(MAILBOX)).willReturn(user("Adele Vance", true));
			this.delegate.execute(mailboxCase(false));
			assertThat(messages(log)).noneMatch((line) -> line.contains("replaced"));

			given(this.graph.getUser(MAILBOX)).willReturn(user("Adele Vance", false));
			willDoNothing().given(this.graph).resetPassword(eq(USER_ID), anyString());
			this.delegate.execute(mailboxCase(false));
			assertThat(messages(log)).containsExactly(
					"Password of " + MAILBOX + " replaced; a change is forced at next sign-in");
		}
		finally {
			logger.setLevel(level);
			logger.detachAppender(log);
		}
	}

	@Test
	void theLiveResetIsRecordedAndThePasswordIsNowhereInTheCase() {
		given(this.graph.getUser(MAILBOX)).willReturn(user("Adele Vance", false));
		DelegateExecution execution = mailboxCase(false);
		this.delegate.execute(execution);
		ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
		verify(this.graph).resetPassword(eq(USER_ID), password.capture());
		assertThat(password.getValue()).hasSize(20);
		assertThat(execution.getVariable(CaseVariables.PASSWORD_RESET)).isEqualTo(ResetPasswordDelegate.RESET);
		assertThat(execution.getVariable(CaseVariables.USER_DISPLAY_NAME)).isEqualTo("Adele Vance");
		assertNowhereIn(execution, password.getValue());
	}

	@Test
	void aDryRunSendsNothingAndRecordsTheRequestWithoutThePassword() {
		TenantWire wire = new TenantWire();
		GraphClient graph = wire.graph();
		doReturn(user("Adele Vance", false)).when(graph).getUser(MAILBOX);
		DelegateExecution execution = mailboxCase(true);
		new ResetPasswordDelegate(TestTenants.of(graph, null), this.notifications).execute(execution);

		wire.assertNothingSent();
		assertThat(execution.getVariable(CaseVariables.PASSWORD_RESET)).isEqualTo(DryRun.NOT_SENT);
		// The auditor sees the request as it would have gone out, the password replaced by a note.
		assertThat((String) execution.getVariable(CaseVariables.WOULD_BE_CHANGE))
			.startsWith("Graph resetPassword: PATCH /v1.0/users/" + USER_ID)
			.contains("\"forceChangePasswordNextSignIn\":true")
			.contains("\"password\":\"(generated when sent; never recorded)\"");
		ArgumentCaptor<String> password = ArgumentCaptor.forClass(String.class);
		verify(graph).resetPassword(eq(USER_ID), password.capture());
		assertNowhereIn(execution, password.getValue());
	}

	@Test
	void theDisplayNameAnAttackerMayHaveSetIsOneBoundedLine() {
		given(this.graph.getUser(MAILBOX)).willReturn(user("Adele\nVance " + "x".repeat(400), false));
		DelegateExecution execution = mailboxCase(false);
		this.delegate.execute(execution);
		assertThat((String) execution.getVariable(CaseVariables.USER_DISPLAY_NAME)).hasSize(256)
			.startsWith("Adele Vance x")
			.endsWith("…")
			.doesNotContain("\n");
	}

	private static List<String> messages(ListAppender<ILoggingEvent> log) {
		return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	private static void assertNowhereIn(DelegateExecution execution, String password) {
		CaseVariablesFake.variables(execution)
			.forEach((name, value) -> assertThat(String.valueOf(value)).as(name).doesNotContain(password));
	}

	private static GraphUser user(String displayName, boolean synced) {
		return new GraphUser(USER_ID, MAILBOX, displayName, MAILBOX, true, synced);
	}

	private static DelegateExecution mailboxCase(boolean dryRun) {
		return CaseVariablesFake.execution(new HashMap<>(Map.of(CaseVariables.ENTITY_TYPE, "mailbox",
				CaseVariables.ENTITY_ID, MAILBOX, CaseVariables.DRY_RUN, dryRun)));
	}

}
