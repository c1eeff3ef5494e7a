package org.soc.runbook.tenant.graph;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

/**
 * Identity Protection's view of a user (needs Entra ID P2), as Graph names it.
 *
 * @param id the user's object id
 * @param riskLevel none, low, medium, high, hidden
 * @param riskState atRisk, confirmedCompromised, remediated, dismissed, ...
 * @param riskDetail why the state is what it is
 * @param riskLastUpdatedDateTime when it last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RiskyUser(String id, String riskLevel, String riskState, String riskDetail,
		@JsonDeserialize(using = TenantDates.Deserializer.class) Instant riskLastUpdatedDateTime) {
}
