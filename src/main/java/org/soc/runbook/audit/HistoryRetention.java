package org.soc.runbook.audit;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;

import org.springframework.stereotype.Component;

/**
 * Applies {@link RetentionProperties}: every deployed version of the runbook's processes gets the configured history
 * time to live (the models carry a default; configuration wins, without a redeployment), and Camunda's history
 * cleanup runs in the configured nightly window, removing what has outlived it.
 */
@Component
class HistoryRetention extends AbstractProcessEnginePlugin {

	private static final List<String> CASE_PARTS = List.of("restricted-user-remediation",
			"restricted-connector-remediation", "verify-release");

	private static final String DETECTION = "restriction-detection";

	private final RetentionProperties properties;

	HistoryRetention(RetentionProperties properties) {
		this.properties = properties;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setHistoryCleanupBatchWindowStartTime(this.properties.cleanupWindowStart());
		configuration.setHistoryCleanupBatchWindowEndTime(this.properties.cleanupWindowEnd());
		// Versions deployed from now on get the configured time to live as they are parsed...
		List<BpmnParseListener> listeners = new ArrayList<>();
		if (configuration.getCustomPostBPMNParseListeners() != null) {
			listeners.addAll(configuration.getCustomPostBPMNParseListeners());
		}
		listeners.add(new AbstractBpmnParseListener() {
			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
				Integer days = days(definition.getKey());
				if (days != null) {
					definition.setHistoryTimeToLive(days);
				}
			}
		});
		configuration.setCustomPostBPMNParseListeners(listeners);
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

	private Integer days(String processKey) {
		if (CASE_PARTS.contains(processKey)) {
			return (int) this.properties.caseHistory().toDays();
		}
		return DETECTION.equals(processKey) ? (int) this.properties.detectionHistory().toDays() : null;
	}

}
