package org.soc.runbook.cases;

import java.util.List;

/**
 * Every process variable of the runbook, by name, in one place: the BPMN files, the forms and the tests use these
 * names; the delegates and listeners read and write them through {@link CaseContext}, one type per variable. Secrets
 * are never among them.
 */
public final class CaseVariables {

	// ---- what the case is about

	/**
	 * The key of the customer's tenant the case is in, set at the start of a case in a deployment of many tenants
	 * (the single tenant's cases have none): it becomes the case's Camunda tenant id ({@link CaseTenancy}).
	 */
	public static final String TENANT = "tenant";

	/** {@code mailbox} or {@code connector}. */
	public static final String ENTITY_TYPE = "entityType";

	/** The mailbox address (lower case) or the connector GUID (lower case). */
	public static final String ENTITY_ID = "entityId";

	/** Where the case came from: {@code api}, {@code poller}, {@code intake}. */
	public static final String SOURCE = "source";

	/** Who started it (user id or service). */
	public static final String STARTED_BY = "startedBy";

	/** The Defender alert that opened the case, when one did: its id. */
	public static final String DEFENDER_ALERT_ID = "defenderAlertId";

	/** The alert's page in the Microsoft Defender portal. */
	public static final String DEFENDER_ALERT_URL = "defenderAlertUrl";

	/**
	 * Further Defender alerts about the entity that came while the case was open, their ids comma-separated: the
	 * case's outcome is reported on each of them too.
	 */
	public static final String DEFENDER_LINKED_ALERTS = "defenderLinkedAlerts";

	/** The Defender incident the alert belongs to: its id. */
	public static final String DEFENDER_INCIDENT_ID = "defenderIncidentId";

	/** The incident's page in the Microsoft Defender portal. */
	public static final String DEFENDER_INCIDENT_URL = "defenderIncidentUrl";

	/**
	 * A re-review's earlier decision to keep the entity restricted, in one line (when, who, their comment): shown on
	 * the review form; its presence skips containment.
	 */
	public static final String EARLIER_DECISION = "earlierDecision";

	/** A re-review's earlier case, the one that decided. */
	public static final String EARLIER_CASE = "earlierCase";

	// ---- the user's way back in (the helpdesk's step; the Temporary Access Pass itself is never a variable)

	/** Whether the user has a method self-service password reset can use (Boolean). */
	public static final String CAN_RESET_THEMSELVES = "canResetThemselves";

	/** The user's registered methods and what self-service reset can use, in words, for the helpdesk's form. */
	public static final String SIGN_IN_OPTIONS = "signInOptions";

	/** The phone numbers on file (directory profile and phone methods), one per line: the call-back numbers. */
	public static final String CALL_BACK_NUMBERS = "callBackNumbers";

	/** How the helpdesk gave the user a way back in: {@code selfServiceReset} or {@code temporaryAccessPass}. */
	public static final String ACCESS_RESTORATION = "accessRestoration";

	/** The helpdesk person's note. */
	public static final String ACCESS_COMMENT = "accessComment";

	/** Who completed the helpdesk's step. */
	public static final String ACCESS_RESTORED_BY = "accessRestoredBy";

	/** When (ISO-8601). */
	public static final String ACCESS_RESTORED_AT = "accessRestoredAt";

	/** Who issued the Temporary Access Pass. */
	public static final String PASS_ISSUED_BY = "passIssuedBy";

	/** When it was issued (ISO-8601). */
	public static final String PASS_ISSUED_AT = "passIssuedAt";

	/** Its lifetime in minutes. */
	public static final String PASS_LIFETIME_MINUTES = "passLifetimeMinutes";

	/** Whether one sign-in uses it up. */
	public static final String PASS_USABLE_ONCE = "passUsableOnce";

	/** How the caller's identity was checked before the pass was issued, in words. */
	public static final String IDENTITY_CHECK = "identityCheck";

	/** The number on file the helpdesk called back. */
	public static final String IDENTITY_CHECK_NUMBER = "identityCheckNumber";

	/** The business key of the case that asked for this one (a connector review investigating its admin). */
	public static final String RELATED_CASE = "relatedCase";

	/** True when the case is a dry run: nothing that would change the tenant is sent ({@link DryRun}). */
	public static final String DRY_RUN = "dryRun";

	/** What the forms show at the top: whether this case changes the tenant or only rehearses. */
	public static final String RUN_MODE = "runMode";

	/** A dry run's step: the requests it would have sent, one per line; every value is kept in history. */
	public static final String WOULD_BE_CHANGE = "wouldBeChange";

	// ---- the restriction

	/** Whether the entity was on the blocked list when last loaded. */
	public static final String BLOCKED = "blocked";

	/** Microsoft's reason string, as received (bounded). */
	public static final String RESTRICTION_REASON = "restrictionReason";

	/** When Microsoft blocked it (ISO-8601), if known. */
	public static final String RESTRICTED_SINCE = "restrictedSince";

	/** The reason in words: recipient counts, which limit. */
	public static final String REASON_SUMMARY = "reasonSummary";

	// ---- containment

	/** The Entra object id of the mailbox's user. */
	public static final String USER_ID = "userId";

	/** The user's display name (attacker-controlled: shown as text). */
	public static final String USER_DISPLAY_NAME = "userDisplayName";

	/** {@code reset} or {@code notPossible} (synced from on-premises). Never the password. */
	public static final String PASSWORD_RESET = "passwordReset";

	/** Whether sign-in sessions were revoked. */
	public static final String SESSIONS_REVOKED = "sessionsRevoked";

	/** What was done about MFA, in words. */
	public static final String MFA_OUTCOME = "mfaOutcome";

	/** Containment in words for the reviewer: reset, sessions, MFA. */
	public static final String CONTAINMENT_SUMMARY = "containmentSummary";

	// ---- evidence

	/**
	 * The structured, size-bounded evidence (JSON), with the evidence in words in its {@code summary} object
	 * ({@link EvidenceSummary}).
	 */
	public static final String EVIDENCE = "evidence";

	/** True when the entity had a case closed within the repeat window. */
	public static final String REPEAT = "repeat";

	/** Cases of this entity closed within the repeat window. */
	public static final String RECENT_CASES = "recentCases";

	/** The suspicious rules as checklist options (JSON array of {label, value}) for the review form. */
	public static final String RULE_OPTIONS = "ruleOptions";

	// ---- connector evidence

	/** The connector's name (attacker-controlled if the attacker created it: shown as text). */
	public static final String CONNECTOR_NAME = "connectorName";

	// ---- review

	/** Microsoft's recommendation: the account is under the owner's control again. */
	public static final String ACCOUNT_UNDER_CONTROL = "accountUnderControl";

	/** Microsoft's recommendation: suspicious inbox rules dealt with. */
	public static final String RULES_DEALT_WITH = "rulesDealtWith";

	/** Microsoft's recommendation: suspicious forwarding dealt with. */
	public static final String FORWARDING_DEALT_WITH = "forwardingDealtWith";

	/** Recent sign-ins reviewed. */
	public static final String SIGN_INS_REVIEWED = "signInsReviewed";

	/** Microsoft's connector checklist: the connector's settings are reviewed. */
	public static final String CONNECTOR_SETTINGS_REVIEWED = "connectorSettingsReviewed";

	/** Microsoft's connector checklist: unauthorized changes are reverted (unknown connectors removed). */
	public static final String CHANGES_REVERTED = "unauthorizedChangesReverted";

	/** Microsoft's connector checklist: the sender IP addresses or the certificate are confirmed as ours. */
	public static final String SENDERS_CONFIRMED = "sendersConfirmed";

	/** Microsoft's connector checklist: the admin account that changed the connector is investigated. */
	public static final String ADMIN_INVESTIGATED = "adminAccountInvestigated";

	/** Whether the reviewer asked to open a mailbox case for the admin account. */
	public static final String INVESTIGATE_ADMIN = "investigateAdmin";

	/** The admin account (UPN) that changed the connector; prefilled from the audit log when it names one. */
	public static final String ADMIN_ACCOUNT = "adminAccount";

	/** The business key of the mailbox case opened for the admin account. */
	public static final String ADMIN_CASE = "adminCase";

	/** The rule identities the reviewer chose to disable (JSON array). */
	public static final String RULES_TO_DISABLE = "rulesToDisable";

	/** Whether to clear the mailbox forwarding. */
	public static final String CLEAR_FORWARDING = "clearForwarding";

	/** {@code release} or {@code keepRestricted}. */
	public static final String REVIEW_DECISION = "reviewDecision";

	/** The reviewer's comment; becomes the unblock's reason. */
	public static final String REVIEW_COMMENT = "reviewComment";

	/** Who completed the review. */
	public static final String REVIEWED_BY = "reviewedBy";

	/** The reviewer as people read it: name and user id ("Sam Analyst (analyst)"). */
	public static final String REVIEWED_BY_NAME = "reviewedByName";

	/** {@code approve} or {@code reject}. */
	public static final String APPROVAL_DECISION = "approvalDecision";

	/** The approver's comment. */
	public static final String APPROVAL_COMMENT = "approvalComment";

	/** Who completed the approval (never the reviewer). */
	public static final String APPROVED_BY = "approvedBy";

	/** The approver as people read it: name and user id. */
	public static final String APPROVED_BY_NAME = "approvedByName";

	/** The name of the last task that passed its SLA. */
	public static final String OVERDUE_TASK = "overdueTask";

	// ---- unblock, verification, escalation

	/** What the clean-up did, in words. */
	public static final String CLEANUP_SUMMARY = "cleanupSummary";

	/** What the unblock found: accepted, or already off the list (safe to repeat). */
	public static final String UNBLOCK_RESULT = "unblockResult";

	/** When the runbook asked Microsoft to unblock (ISO-8601). */
	public static final String UNBLOCKED_AT = "unblockedAt";

	/** Whether the last check found the entity off the blocked list. */
	public static final String RELEASED = "released";

	/** When the release was seen (ISO-8601). */
	public static final String RELEASED_AT = "releasedAt";

	/** How many times the blocked list was checked after the unblock. */
	public static final String VERIFY_CHECKS = "verifyChecks";

	/** Set to escalate at once: why (unblock limit, user not found, still blocked). */
	public static final String ESCALATION_REASON = "escalationReason";

	/** The BPMN error code that led to the escalation, if any. */
	public static final String ESCALATION_CODE = "escalationCode";

	/** {@code retryUnblock}, {@code keepRestricted} or {@code close}. */
	public static final String ESCALATION_DECISION = "escalationDecision";

	/** The SOC lead's note. */
	public static final String ESCALATION_NOTE = "escalationNote";

	/** Who resolved the escalation. */
	public static final String ESCALATION_RESOLVED_BY = "escalationResolvedBy";

	/** Whether the notification reached its channel, in words. */
	public static final String NOTIFICATION_OUTCOME = "notificationOutcome";

	/** Verification's result for the calling runbook: {@code released}, {@code keptRestricted} or {@code closed}. */
	public static final String RELEASE_OUTCOME = "releaseOutcome";

	/** The case's end state, set by its end event (e.g. {@code releasedAndVerified}). */
	public static final String CASE_OUTCOME = "caseOutcome";

	// ---- what the case and its verification hand each other beyond the call's fixed mappings
	// (declared after the names they list: a static initializer may not refer forward)

	/**
	 * Copied into the verification when the case has them ({@code VerificationMapping}): what it verifies and whether
	 * it only rehearses (always there), when the unblock was asked for, or why to escalate at once (an error before
	 * the unblock).
	 */
	public static final List<String> VERIFICATION_INPUTS = List.of(ENTITY_TYPE, ENTITY_ID, DRY_RUN, UNBLOCKED_AT,
			ESCALATION_REASON, ESCALATION_CODE);

	/**
	 * Copied back into the case when the verification set or changed them ({@code VerificationMapping}): how it
	 * ended (always), when the release was seen, and an escalation's answers. Whether the last check found the entity
	 * released, and how many checks it took, stay in the verification's own history, which the case's timeline reads.
	 */
	public static final List<String> VERIFICATION_OUTPUTS = List.of(RELEASE_OUTCOME, RELEASED_AT, UNBLOCKED_AT,
			ESCALATION_REASON, ESCALATION_CODE, ESCALATION_DECISION, ESCALATION_NOTE, ESCALATION_RESOLVED_BY,
			NOTIFICATION_OUTCOME);

	/**
	 * What the SOC lead's escalation form shows of the case, read from the case onto the escalation task when it is
	 * created ({@code EscalationContextListener}) rather than copied into every verification.
	 */
	public static final List<String> ESCALATION_CONTEXT = List.of(RUN_MODE, REASON_SUMMARY, CONTAINMENT_SUMMARY,
			REVIEW_COMMENT, REVIEWED_BY, APPROVED_BY, REVIEWED_BY_NAME, APPROVED_BY_NAME);

	/**
	 * The evidence in words, as the review and approval forms show it: the fields of the {@code summary} object in
	 * the {@link #EVIDENCE} document, which the forms bind as {@code evidence.summary.<field>} (form-js reads a dotted
	 * key as a path into a JSON variable and leaves disabled fields out of what it submits). One document rather than
	 * a variable each, because every variable is a row the engine inserts, reads again in every later step and keeps
	 * in history (src/docs/performance.md); the words stay next to the facts they summarise.
	 */
	public static final class EvidenceSummary {

		/** The name of the object within the evidence document. */
		public static final String OBJECT = "summary";

		/** Suspicious inbox rules in words, one per line (hidden ones included). */
		public static final String RULES = "rules";

		/** Mailbox forwarding in words. */
		public static final String FORWARDING = "forwarding";

		/** Sign-ins of the look-back period in words. */
		public static final String SIGN_INS = "signIns";

		/** Identity Protection's risk in words. */
		public static final String RISK = "risk";

		/** Registered MFA methods in words. */
		public static final String MFA_METHODS = "mfaMethods";

		/** Earlier cases and unblocks of this entity in words (both runbooks). */
		public static final String HISTORY = "history";

		/** The connector's configuration in words: type, senders, certificate, restrictions, created and changed. */
		public static final String CONFIGURATION = "configuration";

		/** What in the connector's configuration matches Microsoft's signs of a compromised connector, in words. */
		public static final String FLAGS = "flags";

		/** Who created or changed inbound connectors recently, from the audit log, in words. */
		public static final String CHANGES = "changes";

		/** The sign-ins of the admin account that changed the connector last, in words (connector cases). */
		public static final String ADMIN_SIGN_INS = "adminSignIns";

		private EvidenceSummary() {
		}

		/** The form key of a field: {@code evidence.summary.<field>}. */
		public static String formKey(String field) {
			return EVIDENCE + "." + OBJECT + "." + field;
		}

	}

	private CaseVariables() {
	}

}
