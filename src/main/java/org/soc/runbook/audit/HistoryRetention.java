package org.soc.runbook.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.config.ParseListeners;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Applies {@link RetentionProperties}: every deployed version of the runbook's processes gets the configured history
 * time to live (the models carry a default; configuration wins, without a redeployment), and Camunda's history
 * cleanup runs in the configured nightly window, removing the cases that ended longer ago than that; their entries in
 * the operation log follow within the hour ({@link #forgetOperationsOfRemovedCases()}).
 */
@Component
class HistoryRetention extends AbstractProcessEnginePlugin implements SchedulingConfigurer {

	private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

	private static final List<String> CASE_PARTS = ProcessKeys.CASE_PARTS;

	private static final String DETECTION = ProcessKeys.DETECTION;

	private final RetentionProperties properties;

	private final JdbcTemplate jdbc;

	HistoryRetention(RetentionProperties properties, JdbcTemplate jdbc) {
		this.properties = properties;
		this.jdbc = jdbc;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		// A case's history goes when its end time plus its definition's time to live *now* has passed, so a
		// retention extended later (a legal hold, a new policy) also keeps the cases that closed before. Camunda's
		// default instead stamps every history row with a removal time when the case ends, which later changes do not
		// move, and which costs a wave a rewrite of each case's ~150 history rows (src/docs/performance.md). The called
		// verification ends in the same transaction as its case and has the same time to live, so the two go together.
		configuration.setHistoryCleanupStrategy(ProcessEngineConfiguration.HISTORY_CLEANUP_STRATEGY_END_TIME_BASED);
		configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_NONE);
		configuration.setHistoryCleanupBatchWindowStartTime(this.properties.cleanupWindowStart());
		configuration.setHistoryCleanupBatchWindowEndTime(this.properties.cleanupWindowEnd());
		// Versions deployed from now on get the configured time to live as they are parsed...
		ParseListeners.append(configuration, new AbstractBpmnParseListener() {
			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
				Integer days = days(definition.getKey());
				if (days != null) {
					definition.setHistoryTimeToLive(days);
				}
			}
		});
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		// ...and the versions already deployed get it at start-up.
		RepositoryService repository = engine.getRepositoryService();
		for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
			Integer days = days(definition.getKey());
			if (days != null && !days.equals(definition.getHistoryTimeToLive())) {
				repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
			}
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::forgetOperationsQuietly, Duration.ofHours(1));
	}

	private void forgetOperationsQuietly() {
		try {
			int removed = forgetOperationsOfRemovedCases();
			if (removed > 0) {
				LOG.info("Removed {} operation log entries of cases the history cleanup removed", removed);
			}
		}
		catch (RuntimeException ex) {
			LOG.warn("Removing the operation log of removed cases failed; the next round tries again: {}",
					ex.getMessage());
		}
	}

	/**
	 * Removes the operation log entries (who completed, retried or changed what) of cases the history cleanup has
	 * removed. The end-time-based cleanup deletes a case's history but leaves its operation log, which Camunda removes
	 * only by a removal time this configuration does not stamp; the entries name people, so they must not outlive their
	 * case. None goes before the case history's time has passed since it was written either: when an administrator
	 * deletes a case's history by hand, who reviewed and approved it stays that long (Camunda's record of the deletion
	 * itself names no case and is never removed). The refused attempts on those cases ({@code runbook_refusal}) go
	 * the same way, and so do refusals that named no case once they are as old, and the notes on what became of a
	 * decision to keep an entity restricted ({@code runbook_decision_note}). Returns how many entries it removed.
	 */
	int forgetOperationsOfRemovedCases() {
		Timestamp cutoff = Timestamp.from(ClockUtil.getCurrentTime().toInstant().minus(this.properties.caseHistory()));
		int operations = this.jdbc.update("DELETE FROM ACT_HI_OP_LOG WHERE ROOT_PROC_INST_ID_ IS NOT NULL "
				+ "AND TIMESTAMP_ < ? AND NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST p "
				+ "WHERE p.ID_ = ACT_HI_OP_LOG.ROOT_PROC_INST_ID_)", cutoff);
		int refusals = this.jdbc.update("DELETE FROM runbook_refusal WHERE refused_at < ? AND (case_id IS NULL "
				+ "OR NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = runbook_refusal.case_id))", cutoff);
		// What became of a decision goes with the decided case.
		int notes = this.jdbc.update("DELETE FROM runbook_decision_note WHERE last_at < ? AND NOT EXISTS "
				+ "(SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = runbook_decision_note.case_id)", cutoff);
		return operations + refusals + notes;
	}

	private Integer days(String processKey) {
		if (CASE_PARTS.contains(processKey)) {
			return (int) this.properties.caseHistory().toDays();
		}
		return DETECTION.equals(processKey) ? (int) this.properties.detectionHistory().toDays() : null;
	}

}
