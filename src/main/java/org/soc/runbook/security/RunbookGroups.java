package org.soc.runbook.security;

import java.util.List;

/** The Camunda groups the runbook's people belong to (see DESIGN.md, "Who uses it"). */
public final class RunbookGroups {

	/** Work review tasks in Tasklist. */
	public static final String SOC_ANALYSTS = "soc-analysts";

	/** Approve or reject a release: the second pair of eyes. */
	public static final String SECURITY_ADMINS = "security-admins";

	/** Receive escalations and see every open case. */
	public static final String SOC_LEADS = "soc-leads";

	/** Read cases and their history; change nothing. */
	public static final String AUDITORS = "auditors";

	/** Camunda Admin and Cockpit: incidents, retries, deployments. Camunda's built-in administrator group. */
	public static final String CAMUNDA_ADMIN = "camunda-admin";

	/** All of them, in the order the README lists them. */
	public static final List<String> ALL = List.of(SOC_ANALYSTS, SECURITY_ADMINS, SOC_LEADS, AUDITORS, CAMUNDA_ADMIN);

	private RunbookGroups() {
	}

}
