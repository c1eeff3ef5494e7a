package org.soc.runbook.review;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.soc.runbook.config.ParseListeners;

import org.springframework.stereotype.Component;

/**
 * Gives every person's task of every model its queue name ({@link TaskHeadline}) when it is created, after the
 * model's own create listeners (the escalation's context is read by then). Done where the models are parsed, so that
 * a new user task cannot be added without one.
 */
@Component
class TaskHeadlines extends AbstractProcessEnginePlugin {

	private static final TaskListener HEADLINE = new TaskHeadline();

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		ParseListeners.append(configuration, new AbstractBpmnParseListener() {

			@Override
			public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
				((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
					.addTaskListener(TaskListener.EVENTNAME_CREATE, HEADLINE);
			}

		});
	}

}
