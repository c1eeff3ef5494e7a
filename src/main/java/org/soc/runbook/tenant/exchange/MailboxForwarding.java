package org.soc.runbook.tenant.exchange;

/**
 * The forwarding set on a mailbox itself ({@code Get-Mailbox}); Graph has no such property.
 *
 * @param identity the mailbox
 * @param forwardingSmtpAddress where mail is forwarded, usually {@code smtp:someone@outside.example}; null if none
 * @param forwardingAddress an internal recipient mail is forwarded to; null if none
 * @param deliverToMailboxAndForward whether a copy is kept as well
 */
public record MailboxForwarding(String identity, String forwardingSmtpAddress, String forwardingAddress,
		boolean deliverToMailboxAndForward) {

	/** Whether any forwarding is set. */
	public boolean isForwarding() {
		return (this.forwardingSmtpAddress != null && !this.forwardingSmtpAddress.isBlank())
				|| (this.forwardingAddress != null && !this.forwardingAddress.isBlank());
	}

}
