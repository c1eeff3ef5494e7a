package org.soc.runbook.remediation;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.tenant.ExchangeOnlineClient;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.tenant.UnblockLimitReachedException;

import org.springframework.stereotype.Component;

/**
 * {@code Task_UnblockSender}: {@code Remove-BlockedSenderAddress} with the review as its reason. Microsoft caps how
 * often one account can be unblocked; reaching the cap is a BPMN error that escalates. An address that is no longer
 * listed (a retry after a lost answer, or Microsoft lifted it meanwhile) counts as unblocked.
 */
@Component
class UnblockSenderDelegate implements JavaDelegate {

	private final ExchangeOnlineClient exchange;

	UnblockSenderDelegate(ExchangeOnlineClient exchange) {
		this.exchange = exchange;
	}

	@Override
	public void execute(DelegateExecution execution) {
		unblock(this.exchange, execution);
	}

	static void unblock(ExchangeOnlineClient exchange, DelegateExecution execution) {
		String mailbox = (String) execution.getVariable(CaseVariables.ENTITY_ID);
		try {
			exchange.removeBlockedSenderAddress(mailbox, reason(execution));
		}
		catch (UnblockLimitReachedException ex) {
			throw new BpmnError(RunbookErrors.UNBLOCK_LIMIT_REACHED,
					"Microsoft refused to unblock " + mailbox + ": " + Text.line(ex.getMessage(), 300));
		}
		catch (TenantNotFoundException alreadyOff) {
			// Not on the list any more: verification will confirm it.
		}
		execution.setVariable(CaseVariables.UNBLOCKED_AT, Instant.now().toString());
	}

	/** The reason recorded with Microsoft: the case and the reviewer's words. */
	static String reason(DelegateExecution execution) {
		String comment = CaseValues.text(execution.getVariable(CaseVariables.REVIEW_COMMENT));
		return Text.line("Restricted Entity Runbook " + execution.getProcessBusinessKey() + " (reviewed by "
				+ execution.getVariable(CaseVariables.REVIEWED_BY) + ", approved by "
				+ execution.getVariable(CaseVariables.APPROVED_BY) + ")" + ((comment != null) ? ": " + comment : ""),
				500);
	}

}
