package org.soc.runbook.tenant.exchange;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The forwarding set on a mailbox itself ({@code Get-Mailbox}); Graph has no such property.
 *
 * @param identity the mailbox, as the caller named it (the row's own {@code Identity} is Exchange's name for it)
 * @param forwardingSmtpAddress where mail is forwarded, usually {@code smtp:someone@outside.example}; null if none
 * @param forwardingAddress an internal recipient mail is forwarded to; null if none
 * @param deliverToMailboxAndForward whether a copy is kept as well
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MailboxForwarding(@JsonIgnore String identity,
		@JsonProperty("ForwardingSmtpAddress")
		@JsonDeserialize(using = ExchangeValues.Text.class) String forwardingSmtpAddress,
		@JsonProperty("ForwardingAddress")
		@JsonDeserialize(using = ExchangeValues.Text.class) String forwardingAddress,
		@JsonProperty("DeliverToMailboxAndForward")
		@JsonDeserialize(using = ExchangeValues.Flag.class) boolean deliverToMailboxAndForward) {

	/** Whether any forwarding is set. */
	public boolean isForwarding() {
		return (this.forwardingSmtpAddress != null && !this.forwardingSmtpAddress.isBlank())
				|| (this.forwardingAddress != null && !this.forwardingAddress.isBlank());
	}

	/** The same forwarding, of the mailbox as the caller named it. */
	MailboxForwarding withIdentity(String identity) {
		return new MailboxForwarding(identity, this.forwardingSmtpAddress, this.forwardingAddress,
				this.deliverToMailboxAndForward);
	}

}
