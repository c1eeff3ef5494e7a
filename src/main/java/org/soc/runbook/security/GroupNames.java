package org.soc.runbook.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Camunda group id that plays each role. The defaults are the demo's groups; with a directory (LDAP) the ids are
 * the directory's group names, so a SOC keeps the groups it already has.
 *
 * @param analysts works review tasks in Tasklist
 * @param securityAdmins approves or rejects a release: the second pair of eyes
 * @param leads receives escalations and overdue tasks, sees every open case
 * @param helpdesk gives a contained user a way back in (self-service reset or a Temporary Access Pass) after
 * checking who is calling
 * @param auditors reads cases and their history, changes nothing
 * @param admins Camunda Admin and Cockpit's write actions: incidents, retries, deployments
 */
@ConfigurationProperties("runbook.groups")
public record GroupNames(@DefaultValue("soc-analysts") String analysts,
		@DefaultValue("security-admins") String securityAdmins, @DefaultValue("soc-leads") String leads,
		@DefaultValue("helpdesk") String helpdesk,
		@DefaultValue("auditors") String auditors, @DefaultValue("camunda-admin") String admins,
		@DefaultValue("monitoring") String monitoring) {

}
