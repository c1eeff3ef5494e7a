package org.soc.runbook.tenant.exchange;

import java.util.List;

/**
 * An inbox rule as Exchange shows it with {@code Get-InboxRule -IncludeHidden}. Hidden rules (a favourite attacker
 * trick) appear here but not in Graph's list.
 *
 * @param identity the rule's identity, used to disable it
 * @param name the rule's name (attacker-controlled)
 * @param enabled whether it runs
 * @param forwardTo addresses it forwards to
 * @param forwardAsAttachmentTo addresses it forwards to as an attachment
 * @param redirectTo addresses it redirects to
 * @param deleteMessage whether it deletes mail (to Deleted Items)
 * @param softDeleteMessage whether it soft-deletes mail
 * @param permanentDelete whether it deletes mail for good
 * @param moveToFolder the folder it moves mail to, if any
 * @param description Exchange's text description of the rule
 */
public record InboxRule(String identity, String name, boolean enabled, List<String> forwardTo,
		List<String> forwardAsAttachmentTo, List<String> redirectTo, boolean deleteMessage, boolean softDeleteMessage,
		boolean permanentDelete, String moveToFolder, String description) {
}
