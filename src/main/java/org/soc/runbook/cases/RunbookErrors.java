package org.soc.runbook.cases;

/** The BPMN error codes the runbook's delegates throw for business outcomes that go to escalation. */
public final class RunbookErrors {

	/** Microsoft refused the unblock: the account was unblocked as often as allowed. */
	public static final String UNBLOCK_LIMIT_REACHED = "unblockLimitReached";

	/** The mailbox's user does not exist (deleted, renamed). */
	public static final String USER_NOT_FOUND = "userNotFound";

	private RunbookErrors() {
	}

}
