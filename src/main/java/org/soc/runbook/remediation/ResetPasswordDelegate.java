package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;
import org.soc.runbook.escalation.NotificationEvent;
import org.soc.runbook.escalation.Notifications;
import org.soc.runbook.tenant.TenantForbiddenException;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.tenant.TenantRequestException;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.Text;
import org.soc.runbook.cases.RunbookErrors;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ResetPassword}: gives the account a new random password that must be changed at next sign-in. The
 * password is made, sent and forgotten here: it is never a process variable (not even a transient one), never
 * logged and never returned. A user synced from on-premises cannot be reset from the cloud; that is recorded for the
 * reviewer, who must have it reset on-premises before ticking "account under control".
 */
@Component
class ResetPasswordDelegate implements JavaDelegate {

	/** {@link CaseVariables#PASSWORD_RESET}: the cloud password was replaced. */
	static final String RESET = "reset";

	/** {@link CaseVariables#PASSWORD_RESET}: the user is synced from on-premises; reset it there. */
	static final String NOT_POSSIBLE = "notPossible";

	/**
	 * {@link CaseVariables#PASSWORD_RESET}: Graph refused for want of a directory role; the leads were told which.
	 */
	static final String REFUSED = "refused";

	/** What the leads and the reviewer are told when Graph refuses the reset for want of a role. */
	static final String MISSING_ROLE = "Graph refused to reset the password for want of a directory role. If the user "
			+ "holds an administrator role, the runbook's app needs Privileged Authentication Administrator (User "
			+ "Administrator may only reset non-administrators); otherwise it needs at least User Administrator. "
			+ "Reset the password by hand now (Entra admin center, the user, Reset password), or grant the role to "
			+ "the app's service principal for the next case.";

	private static final Logger LOG = LoggerFactory.getLogger(ResetPasswordDelegate.class);

	private final Tenants tenants;

	private final Notifications notifications;

	private final PasswordGenerator passwords = new PasswordGenerator();

	ResetPasswordDelegate(Tenants tenants, Notifications notifications) {
		this.tenants = tenants;
		this.notifications = notifications;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String mailbox = context.mailbox();
		GraphUser user;
		try {
			user = this.tenants.graph(execution.getTenantId()).getUser(mailbox);
		}
		catch (TenantNotFoundException ex) {
			throw new BpmnError(RunbookErrors.USER_NOT_FOUND,
					"No Entra user has the address " + mailbox + " (deleted or renamed?)");
		}
		context.setUser(user.id(), Text.line(user.displayName(), 256));
		if (user.onPremisesSyncEnabled()) {
			context.setPasswordReset(NOT_POSSIBLE);
			return;
		}
		char[] password = this.passwords.generate();
		try {
			boolean sent = DryRun.apply(execution, () -> this.tenants.graph(execution.getTenantId()).resetPassword(user.id(), new String(password)));
			context.setPasswordReset(sent ? RESET : DryRun.NOT_SENT);
		}
		catch (TenantForbiddenException ex) {
			refused(execution, context, mailbox, ex);
		}
		catch (TenantRequestException ex) {
			// Graph's own refusal for directory-synced users, in case the sync flag was not set.
			if (!ex.getMessage().contains("on-premises")) {
				throw ex;
			}
			context.setPasswordReset(NOT_POSSIBLE);
		}
		finally {
			Arrays.fill(password, '\0');
		}
		// Only a reset Graph accepted: not a dry run, nor Graph's refusal of a synced user caught above.
		if (RESET.equals(context.passwordReset())) {
			LOG.info("Password of {} replaced; a change is forced at next sign-in", mailbox);
		}
	}

	/**
	 * A 403 on the reset: retrying changes nothing, and an incident would tell an administrator nothing about the
	 * role. The case goes on (sessions revoked, MFA, evidence) with the refusal on the review's containment summary,
	 * and the SOC leads are told at once which role is missing, because the attacker may still know the password.
	 */
	private void refused(DelegateExecution execution, CaseContext context, String mailbox,
			TenantForbiddenException ex) {
		context.setPasswordReset(REFUSED);
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("entityType", context.entityType().value());
		facts.put("entity", mailbox);
		facts.put("graphAnswer", Text.line(ex.getMessage(), 300));
		context.setNotificationOutcome(this.notifications.announce(NotificationEvent.PASSWORD_RESET_REFUSED,
				execution.getProcessBusinessKey(), DryRun.labelled(execution, "The password of " + mailbox + " was NOT reset. "
						+ MISSING_ROLE, facts), facts));
		LOG.warn("Password of {} not reset: Graph refused for want of a directory role ({}); the SOC leads were "
				+ "told", mailbox, Text.line(ex.getMessage(), 300));
	}

}
