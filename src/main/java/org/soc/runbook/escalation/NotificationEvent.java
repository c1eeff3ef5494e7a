package org.soc.runbook.escalation;

/**
 * What a notification is about. The {@link #key()} is the name used in configuration
 * ({@code runbook.notification.mail-to.<key>}) and in the JSON the webhook receives.
 */
public enum NotificationEvent {

	/** A review task passed its SLA. */
	REVIEW_OVERDUE("review-overdue", "Review overdue"),

	/** An approval task passed its SLA. */
	APPROVAL_OVERDUE("approval-overdue", "Approval overdue"),

	/** A SOC lead has not resolved an escalation in time; said again after each further SLA period. */
	ESCALATION_OVERDUE("escalation-overdue", "Escalation overdue"),

	/** The helpdesk has not given a contained user a way back in within its SLA. */
	RESTORE_ACCESS_OVERDUE("restore-access-overdue", "User still locked out"),

	/** The entity was still on the Restricted entities list at the verify timeout. */
	BLOCK_NOT_LIFTED("block-not-lifted", "Block did not lift in time"),

	/** Microsoft refused another unblock of the entity. */
	UNBLOCK_LIMIT_REACHED("unblock-limit-reached", "Unblock limit reached"),

	/**
	 * Graph refused to reset the user's password for want of a directory role (an administrator's password needs
	 * Privileged Authentication Administrator): the account is not fully contained until someone acts.
	 */
	PASSWORD_RESET_REFUSED("password-reset-refused", "Password reset refused"),

	/** The outcome of a case opened from a Defender alert, reported on that alert (comment and status). */
	DEFENDER_ALERT("defender-alert", "Outcome reported to Defender"),

	/** The mailbox's user does not exist in Entra ID. */
	USER_NOT_FOUND("user-not-found", "User not found"),

	/** A step of a case ran out of retries and waits for an administrator. */
	INCIDENT("incident", "Incident on a case");

	private final String key;

	private final String title;

	NotificationEvent(String key, String title) {
		this.key = key;
		this.title = title;
	}

	/** The configuration and JSON name, e.g. {@code review-overdue}. */
	public String key() {
		return this.key;
	}

	/** The words a person reads first. */
	public String title() {
		return this.title;
	}

}
