package org.soc.runbook.config;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import org.springframework.stereotype.Component;

/**
 * Names the JDK's own {@link DatatypeFactory} before the engine starts. Camunda asks for a new one every time it
 * works out a timer's due date (a task's overdue timer, each verification wait), and without this property the JDK
 * searches the whole class path for another implementation each time, opening every jar on it. In the benchmark's
 * wave that search was 4 % of the job executor's CPU (issue 9), and it always ends with the JDK's implementation.
 * An implementation an operator names on the command line is kept.
 */
@Component
class TimerDatatypeFactory extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
			System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
					DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
		}
	}

}
