package org.soc.runbook.cases;

import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The case as its steps read and write it: one typed accessor per variable of {@link CaseVariables}, over the
 * execution or task at hand ({@code CaseContext.of(execution).mailbox()}), so that no step casts a variable or spells
 * its name, and each variable has one type in every run mode. Values a person submits (the review's and approval's
 * answers) are read leniently, whatever type the client sent them as ({@link CaseValues}).
 */
public final class CaseContext {

	/** {@link CaseVariables#SESSIONS_REVOKED} when Microsoft accepted the revocation. */
	public static final String SESSIONS_REVOKED = "revoked";

	private final VariableScope scope;

	private CaseContext(VariableScope scope) {
		this.scope = scope;
	}

	/** The case seen from a step's execution, a task or a listener's scope. */
	public static CaseContext of(VariableScope scope) {
		return new CaseContext(scope);
	}

	// ---- what the case is about

	/** Mailbox or connector. */
	public EntityType entityType() {
		return EntityType.of(text(CaseVariables.ENTITY_TYPE));
	}

	/** The mailbox address or the connector's GUID, lower case. */
	public String entityId() {
		return text(CaseVariables.ENTITY_ID);
	}

	/** The mailbox address of a mailbox case (its entity). */
	public String mailbox() {
		return entityId();
	}

	/** The business key of the case that asked for this one, or null. */
	public String relatedCase() {
		return text(CaseVariables.RELATED_CASE);
	}

	/** Whether this case only rehearses: nothing that changes the tenant is sent. */
	public boolean dryRun() {
		return flag(CaseVariables.DRY_RUN);
	}

	/** Records the requests a dry run's step would have sent, one per line. */
	public void setWouldBeChange(String requests) {
		this.scope.setVariable(CaseVariables.WOULD_BE_CHANGE, requests);
	}

	/** Whether an earlier case of this entity closed within the repeat window. */
	public boolean repeat() {
		return flag(CaseVariables.REPEAT);
	}

	/** How many cases of this entity closed within the repeat window. */
	public long recentCases() {
		return (this.scope.getVariable(CaseVariables.RECENT_CASES) instanceof Number count) ? count.longValue() : 0;
	}

	// ---- the restriction

	/** Records whether the entity is on Microsoft's blocked list. */
	public void setBlocked(boolean blocked) {
		this.scope.setVariable(CaseVariables.BLOCKED, blocked);
	}

	/** Microsoft's reason, as received. */
	public String restrictionReason() {
		return text(CaseVariables.RESTRICTION_REASON);
	}

	/** Records Microsoft's reason, as received (bounded by the caller). */
	public void setRestrictionReason(String reason) {
		this.scope.setVariable(CaseVariables.RESTRICTION_REASON, reason);
	}

	/** Records when Microsoft restricted the entity (ISO-8601). */
	public void setRestrictedSince(String since) {
		this.scope.setVariable(CaseVariables.RESTRICTED_SINCE, since);
	}

	/** Records the reason in words. */
	public void setReasonSummary(String summary) {
		this.scope.setVariable(CaseVariables.REASON_SUMMARY, summary);
	}

	// ---- containment

	/** The Entra object id of the mailbox's user, once the reset found it. */
	public String userId() {
		return text(CaseVariables.USER_ID);
	}

	/** Records the mailbox's user: object id and display name (attacker-controlled, shown as text). */
	public void setUser(String userId, String displayName) {
		this.scope.setVariable(CaseVariables.USER_ID, userId);
		this.scope.setVariable(CaseVariables.USER_DISPLAY_NAME, displayName);
	}

	/** What the reset did: {@code reset}, {@code notPossible} or not sent in a dry run. Never the password. */
	public String passwordReset() {
		return text(CaseVariables.PASSWORD_RESET);
	}

	/** Records what the reset did. */
	public void setPasswordReset(String outcome) {
		this.scope.setVariable(CaseVariables.PASSWORD_RESET, outcome);
	}

	/** Whether Microsoft accepted the revocation of the user's sessions (not in a dry run). */
	public boolean sessionsRevoked() {
		return SESSIONS_REVOKED.equals(text(CaseVariables.SESSIONS_REVOKED));
	}

	/** Records what the revocation did: {@link #SESSIONS_REVOKED} or not sent in a dry run. */
	public void setSessionsRevoked(String outcome) {
		this.scope.setVariable(CaseVariables.SESSIONS_REVOKED, outcome);
	}

	/** What was done about MFA, in words. */
	public String mfaOutcome() {
		return text(CaseVariables.MFA_OUTCOME);
	}

	/** Records what was done about MFA, in words. */
	public void setMfaOutcome(String outcome) {
		this.scope.setVariable(CaseVariables.MFA_OUTCOME, outcome);
	}

	/** Records the containment in words, for the reviewer. */
	public void setContainmentSummary(String summary) {
		this.scope.setVariable(CaseVariables.CONTAINMENT_SUMMARY, summary);
	}

	// ---- evidence

	/** Records the evidence document (JSON, bounded by the caller). */
	public void setEvidence(String json) {
		this.scope.setVariable(CaseVariables.EVIDENCE, SpinValues.jsonValue(json).create());
	}

	/** Records the suspicious rules as the review form's checklist options (a JSON array of label and value). */
	public void setRuleOptions(String json) {
		this.scope.setVariable(CaseVariables.RULE_OPTIONS, SpinValues.jsonValue(json).create());
	}

	/** The connector's name (attacker-controlled when the attacker made it). */
	public String connectorName() {
		return text(CaseVariables.CONNECTOR_NAME);
	}

	/** Records the connector's name. */
	public void setConnectorName(String name) {
		this.scope.setVariable(CaseVariables.CONNECTOR_NAME, name);
	}

	// ---- review and approval

	/** The reviewer's decision: {@code release} or {@code keepRestricted}. */
	public String reviewDecision() {
		return text(CaseVariables.REVIEW_DECISION);
	}

	/** The reviewer's comment, which becomes the unblock's reason. */
	public String reviewComment() {
		return text(CaseVariables.REVIEW_COMMENT);
	}

	/** Who completed the review. */
	public String reviewedBy() {
		return text(CaseVariables.REVIEWED_BY);
	}

	/** Records who completed the review (the authenticated user, never a submitted value), by id and by name. */
	public void setReviewedBy(String user, String name) {
		this.scope.setVariable(CaseVariables.REVIEWED_BY, user);
		this.scope.setVariable(CaseVariables.REVIEWED_BY_NAME, name);
	}

	/** The rule identities the reviewer chose to disable. */
	public List<String> rulesToDisable() {
		return CaseValues.strings(this.scope.getVariable(CaseVariables.RULES_TO_DISABLE));
	}

	/** Whether the reviewer asked to clear the mailbox forwarding. */
	public boolean clearForwarding() {
		return flag(CaseVariables.CLEAR_FORWARDING);
	}

	/**
	 * Whether the reviewer confirmed one of Microsoft's recommendations (a checklist variable of
	 * {@link CaseVariables}, such as {@link CaseVariables#ACCOUNT_UNDER_CONTROL}).
	 */
	public boolean confirmed(String recommendation) {
		return flag(recommendation);
	}

	/** Whether the connector's reviewer asked to investigate the admin account. */
	public boolean investigateAdmin() {
		return flag(CaseVariables.INVESTIGATE_ADMIN);
	}

	/** Records whether to investigate the admin account (false unless the reviewer said so). */
	public void setInvestigateAdmin(boolean investigate) {
		this.scope.setVariable(CaseVariables.INVESTIGATE_ADMIN, investigate);
	}

	/** The admin account that changed the connector, as the reviewer confirmed it. */
	public String adminAccount() {
		return text(CaseVariables.ADMIN_ACCOUNT);
	}

	/** Records the admin account (normalised). */
	public void setAdminAccount(String account) {
		this.scope.setVariable(CaseVariables.ADMIN_ACCOUNT, account);
	}

	/** Records the mailbox case opened for the admin account. */
	public void setAdminCase(String businessKey) {
		this.scope.setVariable(CaseVariables.ADMIN_CASE, businessKey);
	}

	/** The approver's decision: {@code approve} or {@code reject}. */
	public String approvalDecision() {
		return text(CaseVariables.APPROVAL_DECISION);
	}

	/** The approver's comment. */
	public String approvalComment() {
		return text(CaseVariables.APPROVAL_COMMENT);
	}

	/** Who completed the approval. */
	public String approvedBy() {
		return text(CaseVariables.APPROVED_BY);
	}

	/** Records who completed the approval (the authenticated user). */
	public void setApprovedBy(String user, String name) {
		this.scope.setVariable(CaseVariables.APPROVED_BY, user);
		this.scope.setVariable(CaseVariables.APPROVED_BY_NAME, name);
	}

	/** Records the name of the task that passed its service level. */
	public void setOverdueTask(String taskName) {
		this.scope.setVariable(CaseVariables.OVERDUE_TASK, taskName);
	}

	// ---- unblock, verification, escalation

	/** Records what the clean-up did, in words. */
	public void setCleanupSummary(String summary) {
		this.scope.setVariable(CaseVariables.CLEANUP_SUMMARY, summary);
	}

	/** Records what the unblock found. */
	public void setUnblockResult(String result) {
		this.scope.setVariable(CaseVariables.UNBLOCK_RESULT, result);
	}

	/** When the runbook asked Microsoft to unblock (ISO-8601), or null. */
	public String unblockedAt() {
		return text(CaseVariables.UNBLOCKED_AT);
	}

	/** Records when the runbook asked Microsoft to unblock (ISO-8601). */
	public void setUnblockedAt(String at) {
		this.scope.setVariable(CaseVariables.UNBLOCKED_AT, at);
	}

	/** Records whether the last check found the entity off the blocked list. */
	public void setReleased(boolean released) {
		this.scope.setVariable(CaseVariables.RELEASED, released);
	}

	/** When the release was seen (ISO-8601), or null. */
	public String releasedAt() {
		return text(CaseVariables.RELEASED_AT);
	}

	/** Records when the release was seen (ISO-8601). */
	public void setReleasedAt(String at) {
		this.scope.setVariable(CaseVariables.RELEASED_AT, at);
	}

	/** How many times the blocked list was checked after the unblock. */
	public int verifyChecks() {
		return (this.scope.getVariable(CaseVariables.VERIFY_CHECKS) instanceof Number count) ? count.intValue() : 0;
	}

	/** Records how many times the blocked list was checked. */
	public void setVerifyChecks(int checks) {
		this.scope.setVariable(CaseVariables.VERIFY_CHECKS, checks);
	}

	/** Why the case escalates, or null. */
	public String escalationReason() {
		return text(CaseVariables.ESCALATION_REASON);
	}

	/** Records why the case escalates. */
	public void setEscalationReason(String reason) {
		this.scope.setVariable(CaseVariables.ESCALATION_REASON, reason);
	}

	/** The BPMN error code that led to the escalation, or null. */
	public String escalationCode() {
		return text(CaseVariables.ESCALATION_CODE);
	}

	/** The lead's decision: {@code retryUnblock}, {@code keepRestricted} or {@code close}. */
	public String escalationDecision() {
		return text(CaseVariables.ESCALATION_DECISION);
	}

	/** The lead's note. */
	public String escalationNote() {
		return text(CaseVariables.ESCALATION_NOTE);
	}

	/** Records who resolved the escalation (the authenticated user). */
	public void setEscalationResolvedBy(String user) {
		this.scope.setVariable(CaseVariables.ESCALATION_RESOLVED_BY, user);
	}

	// ---- the user's way back in

	/** Records what the user can do to get back in: self-service reset or not, and the numbers on file. */
	public void setSignInOptions(boolean canResetThemselves, String options, String callBackNumbers) {
		this.scope.setVariable(CaseVariables.CAN_RESET_THEMSELVES, canResetThemselves);
		this.scope.setVariable(CaseVariables.SIGN_IN_OPTIONS, options);
		this.scope.setVariable(CaseVariables.CALL_BACK_NUMBERS, callBackNumbers);
	}

	/** Whether the user has a method self-service reset can use. */
	public boolean canResetThemselves() {
		return flag(CaseVariables.CAN_RESET_THEMSELVES);
	}

	/** The numbers on file the helpdesk may call back, one per line, or null. */
	public String callBackNumbers() {
		return text(CaseVariables.CALL_BACK_NUMBERS);
	}

	/** How the helpdesk gave the user a way back in, or null before it did. */
	public String accessRestoration() {
		return text(CaseVariables.ACCESS_RESTORATION);
	}

	/** When a Temporary Access Pass was issued for this case, or null. */
	public String passIssuedAt() {
		return text(CaseVariables.PASS_ISSUED_AT);
	}

	/** Records who completed the helpdesk's step and when. */
	public void setAccessRestored(String user, String at) {
		this.scope.setVariable(CaseVariables.ACCESS_RESTORED_BY, user);
		this.scope.setVariable(CaseVariables.ACCESS_RESTORED_AT, at);
	}

	/** The Entra user's display name, once looked up. */
	public String userDisplayName() {
		return text(CaseVariables.USER_DISPLAY_NAME);
	}

	/** Records whether the notification reached its channel, in words. */
	public void setNotificationOutcome(String outcome) {
		this.scope.setVariable(CaseVariables.NOTIFICATION_OUTCOME, outcome);
	}

	/** The case's end state, once it ended. */
	public String caseOutcome() {
		return text(CaseVariables.CASE_OUTCOME);
	}

	/** Records the case's end state. */
	public void setCaseOutcome(String outcome) {
		this.scope.setVariable(CaseVariables.CASE_OUTCOME, outcome);
	}

	/** Records the verification's result for the calling runbook. */
	public void setReleaseOutcome(String outcome) {
		this.scope.setVariable(CaseVariables.RELEASE_OUTCOME, outcome);
	}

	// ---- reading

	private String text(String name) {
		return CaseValues.text(this.scope.getVariable(name));
	}

	private boolean flag(String name) {
		return CaseValues.isTrue(this.scope.getVariable(name));
	}

}
