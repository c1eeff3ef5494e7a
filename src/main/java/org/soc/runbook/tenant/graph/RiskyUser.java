package org.soc.runbook.tenant.graph;

import java.time.Instant;

/**
 * Identity Protection's view of a user (needs Entra ID P2).
 *
 * @param id the user's object id
 * @param riskLevel none, low, medium, high, hidden
 * @param riskState atRisk, confirmedCompromised, remediated, dismissed, ...
 * @param riskDetail why the state is what it is
 * @param riskLastUpdatedDateTime when it last changed
 */
public record RiskyUser(String id, String riskLevel, String riskState, String riskDetail,
		Instant riskLastUpdatedDateTime) {
}
