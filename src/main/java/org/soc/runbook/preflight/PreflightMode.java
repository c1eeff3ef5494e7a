package org.soc.runbook.preflight;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A node started for the preflight runs no case: the job executor stays off, so no poll and no step touches the
 * tenant. (It keeps its port: the demo's chat channel is served on it.)
 */
public class PreflightMode implements EnvironmentPostProcessor {

	/** The setting that runs the preflight command. */
	static final String RUN = "runbook.preflight.run";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty(RUN, Boolean.class, false)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("preflight", Map.of("camunda.bpm.job-execution.enabled", "false")));
		}
	}

}
