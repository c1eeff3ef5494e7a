package org.soc.runbook.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the simulated tenant on and no client secret configured, makes up a random one for this run: the simulator
 * registers the app with it and the clients sign in with it. So the demo needs no secret in any file, and the
 * secret that the leak tests look for is a real, unpredictable one.
 */
public class SimulatorSecretInitializer implements EnvironmentPostProcessor, Ordered {

	static final String SECRET = "runbook.tenant.client-secret";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("runbook.simulator.enabled", Boolean.class, false)) {
			return;
		}
		String configured = environment.getProperty(SECRET);
		if (configured != null && !configured.isBlank()) {
			return;
		}
		byte[] bytes = new byte[30];
		new SecureRandom().nextBytes(bytes);
		String secret = "Sim~" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		environment.getPropertySources().addFirst(new MapPropertySource("simulatorClientSecret", Map.of(SECRET, secret)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
