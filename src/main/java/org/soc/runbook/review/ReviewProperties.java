package org.soc.runbook.review;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service levels of the people's steps.
 *
 * @param reviewSla how long a review task may wait (claimed or not) before it is overdue: the leads are told, its
 * priority rises and {@code soc-leads} become candidates too
 * @param approvalSla the same for an approval task
 * @param restoreAccessSla how long the helpdesk's task to give a contained user a way back in may wait; the user
 * cannot work until then
 * @param escalationSla how long an escalation may wait for a SOC lead; past it, and again after each such period, the
 * leads' channel and the {@code escalation-overdue} e-mail recipients are told
 * @param overduePriority the priority an overdue task gets (Tasklist sorts by it; normal is 50, a repeat 80)
 */
@ConfigurationProperties("runbook.review")
public record ReviewProperties(@DefaultValue("4h") Duration reviewSla, @DefaultValue("2h") Duration approvalSla,
		@DefaultValue("8h") Duration restoreAccessSla, @DefaultValue("24h") Duration escalationSla,
		@DefaultValue("90") int overduePriority) {

}
