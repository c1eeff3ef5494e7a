package org.soc.runbook.security;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The groups the runbook's people belong to (analysts, security administrators, leads, helpdesk, auditors, administrators), resolved to the configured Camunda group
 * ids ({@link GroupNames}). The models name it too: {@code camunda:candidateGroups="${runbookGroups.analysts()}"}.
 */
@Component("runbookGroups")
public class RunbookGroups {

	private final GroupNames names;

	public RunbookGroups(GroupNames names) {
		this.names = names;
	}

	/** Works review tasks in Tasklist. */
	public String analysts() {
		return this.names.analysts();
	}

	/** Approves or rejects a release: the second pair of eyes. */
	public String securityAdmins() {
		return this.names.securityAdmins();
	}

	/** Receives escalations and overdue tasks, sees every open case. */
	public String leads() {
		return this.names.leads();
	}

	/** Gives a contained user a way back into the account: self-service reset or a Temporary Access Pass. */
	public String helpdesk() {
		return this.names.helpdesk();
	}

	/** Reads cases and their history; changes nothing. */
	public String auditors() {
		return this.names.auditors();
	}

	/** Camunda Admin and Cockpit: incidents, retries, deployments. */
	public String admins() {
		return this.names.admins();
	}

	/** Scrapes the metrics (Prometheus): nothing else, no case, no task. */
	public String monitoring() {
		return this.names.monitoring();
	}

	/** All the groups that take part in cases, in the order the README lists them (not monitoring). */
	public List<String> all() {
		return List.of(analysts(), securityAdmins(), leads(), helpdesk(), auditors(), admins());
	}

	/** The groups that work tasks. */
	public List<String> workers() {
		return List.of(analysts(), securityAdmins(), leads(), helpdesk());
	}

}
