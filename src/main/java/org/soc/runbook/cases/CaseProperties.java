package org.soc.runbook.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How cases are opened, whoever opens them ({@link CaseStarter}).
 *
 * @param repeatWindow an entity restricted again within this time after a closed case is a repeat: its review gets a
 * higher priority and the form says how often it happened
 * @param dryRun every case of this deployment is a dry run: nothing that would change the tenant is sent, history
 * records the request instead (a case can also be opened as a dry run on its own; a dry-run deployment never runs one
 * live)
 */
@ConfigurationProperties("runbook.cases")
public record CaseProperties(@DefaultValue("30d") Duration repeatWindow, @DefaultValue("false") boolean dryRun) {

}
