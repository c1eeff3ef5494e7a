package org.soc.runbook.audit;

import java.time.Instant;
import java.util.Map;

/**
 * What a case list row and a case's header show.
 *
 * @param id the process instance id
 * @param businessKey {@code mailbox:<address>} or {@code connector:<guid>}
 * @param entityType {@code mailbox} or {@code connector}
 * @param entity the address or GUID
 * @param state {@code open} or {@code closed}
 * @param outcome the end state ({@code releasedAndVerified}, ...), null while open
 * @param repeat whether the entity had a case closed shortly before
 * @param opened when the case started
 * @param closed when it ended, if it has
 * @param reviewedBy who reviewed, if anyone yet
 * @param approvedBy who approved, if anyone yet
 * @param unblockedAt when the runbook asked Microsoft to unblock
 * @param releasedAt when the release was seen on the blocked list
 * @param minutesToRelease minutes from opening to the seen release
 * @param minutesOpen minutes from opening to closing (or to now)
 * @param escalations how many times the case was escalated to the SOC leads
 * @param dryRun whether the case was a dry run (nothing was changed in the tenant)
 * @param decidedBy who made the decision that ended the release path: the SOC lead after an escalation, else the
 * reviewer for a case kept restricted, else the approver; null while undecided
 * @param decidedAt when that decision was recorded (the case itself may close later, after the helpdesk's step)
 * @param entityName the mailbox owner's display name or the connector's name, as the case recorded it
 * @param people each person named above (reviewer, approver, decider) by user id, as people read them: "Sam Analyst
 * (analyst)"
 * @param secondsFromUnblockToRelease seconds from the unblock request to the release seen on the blocked list: how
 * long Microsoft took, apart from how long the people took
 */
public record CaseSummary(String id, String businessKey, String entityType, String entity, String state,
		String outcome, boolean repeat, Instant opened, Instant closed, String reviewedBy, String approvedBy,
		String unblockedAt, String releasedAt, Long minutesToRelease, Long minutesOpen, int escalations,
		boolean dryRun, String decidedBy, Instant decidedAt, String entityName, Map<String, String> people,
		Long secondsFromUnblockToRelease) {
}
