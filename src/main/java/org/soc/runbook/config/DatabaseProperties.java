package org.soc.runbook.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the application changes in its PostgreSQL schema beyond Camunda's and the runbook's tables.
 *
 * @param partialIndexes make Camunda's indexes on columns the runbook leaves empty partial at start-up
 * ({@link PartialIndexes}); false where a DBA applies every schema change by hand (production: with
 * {@code RUNBOOK_DB_MIGRATE=false})
 */
@ConfigurationProperties("runbook.database")
record DatabaseProperties(@DefaultValue("true") boolean partialIndexes) {
}
