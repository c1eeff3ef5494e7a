package org.soc.runbook.remediation;

import java.util.Arrays;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;
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

	private static final Logger LOG = LoggerFactory.getLogger(ResetPasswordDelegate.class);

	private final GraphClient graph;

	private final PasswordGenerator passwords = new PasswordGenerator();

	ResetPasswordDelegate(GraphClient graph) {
		this.graph = graph;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String mailbox = context.mailbox();
		GraphUser user;
		try {
			user = this.graph.getUser(mailbox);
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
			boolean sent = DryRun.apply(execution, () -> this.graph.resetPassword(user.id(), new String(password)));
			context.setPasswordReset(sent ? RESET : DryRun.NOT_SENT);
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

}
