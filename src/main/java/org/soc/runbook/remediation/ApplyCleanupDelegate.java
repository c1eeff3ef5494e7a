package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_ApplyCleanup}: does what the reviewer chose and the approver approved: disables the chosen inbox rules
 * (disabled, not deleted, so the evidence stays) and clears mailbox forwarding. Safe to run again after a failure: a
 * disabled rule stays disabled, a rule already gone is noted, clearing forwarding twice changes nothing.
 */
@Component
class ApplyCleanupDelegate implements JavaDelegate {

	private final Tenants tenants;

	ApplyCleanupDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String mailbox = context.mailbox();
		List<String> done = new ArrayList<>();
		boolean sent = DryRun.apply(execution, () -> {
			for (String rule : context.rulesToDisable()) {
				try {
					this.tenants.exchange(execution.getTenantId()).disableInboxRule(mailbox, rule);
					done.add("Disabled inbox rule " + rule + ".");
				}
				catch (TenantNotFoundException ex) {
					done.add("Inbox rule " + rule + " no longer exists.");
				}
			}
			if (context.clearForwarding()) {
				this.tenants.exchange(execution.getTenantId()).clearMailboxForwarding(mailbox);
				done.add("Cleared mailbox forwarding.");
			}
		});
		if (!sent) {
			// Only the line's leading verb: a rule's identity may hold the same words and is shown as it is.
			done.replaceAll((line) -> line.replaceFirst("^Disabled ", "Would disable ")
				.replaceFirst("^Cleared ", "Would clear ") + " (" + DryRun.NOT_SENT + ")");
		}
		context.setCleanupSummary(done.isEmpty() ? "No clean-up chosen." : Text.bounded(String.join("\n", done), 3500));
	}

}
