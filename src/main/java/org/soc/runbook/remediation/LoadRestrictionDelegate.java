package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_LoadRestriction}: reads the mailbox's entry on the Restricted entities list
 * ({@code Get-BlockedSenderAddress -SenderAddress}). Not listed any more: the case ends as already released, unless
 * a connector review opened it to investigate the administrator who changed the connector; that account is contained
 * and reviewed whether or not it is restricted.
 */
@Component
class LoadRestrictionDelegate implements JavaDelegate {

	private final Tenants tenants;

	LoadRestrictionDelegate(Tenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String mailbox = context.mailbox();
		Optional<BlockedSender> blocked = this.tenants.exchange(execution.getTenantId()).getBlockedSenderAddress(mailbox);
		context.setBlocked(blocked.isPresent());
		String related = context.relatedCase();
		if (blocked.isEmpty() && related != null) {
			context.setReasonSummary("Not on the Restricted entities list. Opened by the "
					+ "review of " + related + " to investigate the administrator account that changed the connector.");
		}
		blocked.ifPresent((entry) -> {
			context.setRestrictionReason(Text.bounded(entry.reason(), 1000));
			context.setRestrictedSince(
					(entry.createdDatetime() != null) ? entry.createdDatetime().toString() : null);
			context.setReasonSummary(summarize(entry.reasonFields()));
		});
	}

	/** The reason in words. The keys are not documented; the ones seen in the wild are named, the rest listed. */
	static String summarize(Map<String, String> fields) {
		if (fields.isEmpty()) {
			return "Microsoft gave no reason.";
		}
		StringBuilder text = new StringBuilder();
		if (fields.containsKey("EmailSendingLimitExceeded")) {
			text.append("Sending limit exceeded");
			String type = fields.get("ExceedingLimitType");
			if (type != null && !type.isBlank()) {
				text.append(" (").append(type).append(" recipients)");
			}
			text.append(". ");
		}
		appendCount(text, fields, "ExternalRecipientCountToday", "External recipients today");
		appendCount(text, fields, "InternalRecipientCountToday", "Internal recipients today");
		appendCount(text, fields, "LastMessageRcptCount", "Recipients of the last message");
		appendCount(text, fields, "OutboundSpamLast24Hours", "Spam messages in the last 24 h");
		appendCount(text, fields, "OutboundMailLast24Hours", "Messages in the last 24 h");
		appendCount(text, fields, "OutboundSpamPercent", "Spam share (%)");
		if (text.isEmpty()) {
			fields.forEach((key, value) -> text.append(key).append(value.isEmpty() ? "" : ": " + value).append(". "));
		}
		return Text.bounded(text.toString().trim(), 1000);
	}

	private static void appendCount(StringBuilder text, Map<String, String> fields, String key, String label) {
		String value = fields.get(key);
		if (value != null && !value.isBlank()) {
			text.append(label).append(": ").append(value).append(". ");
		}
	}

}
