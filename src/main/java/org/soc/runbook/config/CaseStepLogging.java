package org.soc.runbook.config;


import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One log line per step of a case (service task, user task, call, end), at INFO on {@code org.soc.runbook.case}, so
 * that an operator can follow a case in the logs. Each line is written inside the engine's command, where Camunda's
 * logging context puts the case's business key and process instance id into the MDC (application.yml), so the plain
 * pattern and the JSON lines both carry them. The line names the step only: never a variable, so no tenant data and
 * no secret can reach the log this way.
 */
@Component
class CaseStepLogging extends AbstractProcessEnginePlugin {

	static final Logger LOG = LoggerFactory.getLogger("org.soc.runbook.case");

	private static final ExecutionListener STARTED = (execution) -> log("started", execution);

	private static final ExecutionListener ENDED = (execution) -> log("ended", execution);

	private static final ExecutionListener PROCESS_STARTED = (execution) -> LOG.info("{} started", key(execution));

	private static final ExecutionListener PROCESS_ENDED = (execution) -> LOG.info("{} ended", key(execution));

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		ParseListeners.append(configuration, new AbstractBpmnParseListener() {

			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
				definition.addListener(ExecutionListener.EVENTNAME_START, PROCESS_STARTED);
				definition.addListener(ExecutionListener.EVENTNAME_END, PROCESS_ENDED);
			}

			@Override
			public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
				step(activity);
			}

			@Override
			public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
				step(activity);
			}

			@Override
			public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
				step(activity);
			}

			@Override
			public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
				activity.addListener(ExecutionListener.EVENTNAME_START, STARTED);
			}

		});
	}

	private static void step(ActivityImpl activity) {
		activity.addListener(ExecutionListener.EVENTNAME_START, STARTED);
		activity.addListener(ExecutionListener.EVENTNAME_END, ENDED);
	}

	private static void log(String what, DelegateExecution execution) {
		LOG.info("{} {} {}", key(execution), execution.getCurrentActivityId(), what);
	}

	private static String key(DelegateExecution execution) {
		return ((ExecutionEntity) execution).getProcessDefinition().getKey();
	}

}
