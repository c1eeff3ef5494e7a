package org.soc.runbook.audit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The configured retention reaches every deployed process version and Camunda's cleanup window. */
@RunbookIntegrationTest
class HistoryRetentionTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RetentionProperties retention;

	@Test
	void everyVersionKeepsItsHistoryForTheConfiguredTimeAndCleanupRunsAtNight() {
		for (ProcessDefinition definition : this.engine.getRepositoryService().createProcessDefinitionQuery().list()) {
			int expected = definition.getKey().equals("restriction-detection")
					? (int) this.retention.detectionHistory().toDays() : (int) this.retention.caseHistory().toDays();
			assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isEqualTo(expected);
		}
		assertThat(this.retention.caseHistory().toDays()).isEqualTo(365);
		assertThat(this.retention.detectionHistory().toDays()).isEqualTo(30);
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
	}

}
