package org.soc.runbook.config;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Adds a listener to what the engine runs after parsing each model, keeping those other plugins added: the engine
 * holds one list, and a plugin that set its own would silently drop the others' (step logging, history time to live).
 */
public final class ParseListeners {

	private ParseListeners() {
	}

	/** Appends {@code listener} to the configuration's post-parse listeners. */
	public static void append(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
		List<BpmnParseListener> listeners = new ArrayList<>();
		if (configuration.getCustomPostBPMNParseListeners() != null) {
			listeners.addAll(configuration.getCustomPostBPMNParseListeners());
		}
		listeners.add(listener);
		configuration.setCustomPostBPMNParseListeners(listeners);
	}

}
