package org.soc.runbook.tenant.graph;

import java.util.List;

/**
 * An inbox rule as Graph shows it (Graph does not show hidden rules; Exchange's {@code Get-InboxRule -IncludeHidden}
 * does, see the Exchange Online client's {@code InboxRule}).
 *
 * @param id the rule id
 * @param displayName the rule's name (attacker-controlled)
 * @param enabled whether it runs
 * @param forwardTo addresses it forwards to
 * @param forwardAsAttachmentTo addresses it forwards to as an attachment
 * @param redirectTo addresses it redirects to
 * @param delete whether it moves mail to Deleted Items
 * @param permanentDelete whether it deletes mail for good
 * @param moveToFolder the folder id it moves mail to, if any
 */
public record MessageRule(String id, String displayName, boolean enabled, List<String> forwardTo,
		List<String> forwardAsAttachmentTo, List<String> redirectTo, boolean delete, boolean permanentDelete,
		String moveToFolder) {
}
