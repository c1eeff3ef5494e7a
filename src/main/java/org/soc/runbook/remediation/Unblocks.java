package org.soc.runbook.remediation;

import java.time.Instant;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.exchange.UnblockLimitReachedException;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.Text;
import org.soc.runbook.cases.RunbookErrors;

/**
 * Asking Microsoft to take a mailbox ({@code Remove-BlockedSenderAddress}) or a connector
 * ({@code Remove-BlockedConnector}) off the Restricted entities list, the same way for the first unblock and for a
 * lead's retry. An entity that is no longer listed (a retry after a lost answer, or Microsoft lifted it meanwhile)
 * counts as unblocked: verification confirms it. Microsoft caps how often one entity can be unblocked; reaching the
 * cap is a BPMN error that escalates.
 */
final class Unblocks {

	private Unblocks() {
	}

	/** Sends the unblock with the reason and records when. */
	static void request(ExchangeOnlineClient exchange, DelegateExecution execution, String reason) {
		CaseContext context = CaseContext.of(execution);
		EntityType entityType = context.entityType();
		String entityId = context.entityId();
		String result = "Microsoft accepted the unblock.";
		try {
			boolean sent = DryRun.apply(execution, () -> {
				if (entityType == EntityType.CONNECTOR) {
					exchange.removeBlockedConnector(UUID.fromString(entityId), reason);
				}
				else {
					exchange.removeBlockedSenderAddress(entityId, reason);
				}
			});
			if (!sent) {
				result = "Unblock " + DryRun.NOT_SENT + ".";
			}
		}
		catch (UnblockLimitReachedException ex) {
			throw new BpmnError(RunbookErrors.UNBLOCK_LIMIT_REACHED,
					"Microsoft refused to unblock " + entityType + " " + entityId + ": " + Text.line(ex.getMessage(), 300));
		}
		catch (TenantNotFoundException alreadyOff) {
			// Not on the list any more (a repeat after a lost answer, or Microsoft lifted it): verification confirms it.
			result = "Already off the blocked list: nothing to unblock.";
		}
		context.setUnblockResult(result);
		context.setUnblockedAt(Instant.now().toString());
	}

	/** The reason recorded with Microsoft: the case, who decided, and the reviewer's words. */
	static String reviewedReason(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String comment = context.reviewComment();
		return Text.line("Restricted Entity Runbook " + execution.getProcessBusinessKey() + " (reviewed by "
				+ context.reviewedBy() + ", approved by "
				+ context.approvedBy() + ")" + ((comment != null) ? ": " + comment : ""),
				500);
	}

}
