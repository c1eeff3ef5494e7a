package org.soc.runbook.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Defender alert a case was opened from, as the case keeps it: the ids and the portal's links, so that the
 * analyst and the auditor can open the alert and its incident, and the runbook can report the outcome to it.
 *
 * @param alertId the alert's id
 * @param alertUrl its page in the Defender portal, if Graph gave one
 * @param incidentId the incident it belongs to, if any
 * @param incidentUrl the incident's page, if any
 */
public record DefenderAlert(String alertId, String alertUrl, String incidentId, String incidentUrl) {

	/** The case's variables: what Microsoft sent, each one bounded line (tenant data). */
	Map<String, Object> variables() {
		Map<String, Object> variables = new HashMap<>();
		put(variables, CaseVariables.DEFENDER_ALERT_ID, this.alertId);
		put(variables, CaseVariables.DEFENDER_ALERT_URL, portalLink(this.alertUrl));
		put(variables, CaseVariables.DEFENDER_INCIDENT_ID, this.incidentId);
		put(variables, CaseVariables.DEFENDER_INCIDENT_URL, portalLink(this.incidentUrl));
		return variables;
	}

	/** The ids of a case's alerts: the one it was opened from (or first joined by) and any that joined it later. */
	public static List<String> ids(Object alertId, Object linkedAlerts) {
		List<String> ids = new ArrayList<>();
		String first = CaseValues.text(alertId);
		if (first != null) {
			ids.add(first);
		}
		String linked = CaseValues.text(linkedAlerts);
		if (linked != null) {
			Arrays.stream(linked.split(",")).map(String::trim).filter((id) -> !id.isEmpty() && !ids.contains(id))
				.forEach(ids::add);
		}
		return ids;
	}

	private static void put(Map<String, Object> variables, String name, String value) {
		if (value != null && !value.isBlank()) {
			variables.put(name, Text.line(value, 500));
		}
	}

	/** Only an https link is kept: the value comes from the tenant and is shown to people as a link. */
	private static String portalLink(String url) {
		return (url != null && url.startsWith("https://")) ? url : null;
	}

}
