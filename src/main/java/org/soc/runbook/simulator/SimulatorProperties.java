package org.soc.runbook.simulator;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated Microsoft 365 tenant that the demo and the tests run against.
 *
 * @param enabled whether the application serves the simulator under {@code /sim} and points its clients at it
 * (never in production)
 * @param seedDemoTenant whether to start with the demo tenant: restricted users, a restricted connector, alerts
 * @param tokenLifetime how long the simulated tokens live
 * @param releaseDelay how long an entity stays on the blocked list after {@code Remove-Blocked*} (Microsoft: usually
 * within an hour for users and connectors, at most 24 hours for users)
 * @param unblockLimit how often one account can be unblocked before Microsoft refuses (the real number is not
 * published)
 * @param pageSize the largest page Graph lists and Exchange answers with (small values exercise paging)
 * @param revokedAppRoles application permissions the simulated app registration lacks (e.g.
 * {@code SecurityAlert.ReadWrite.All}), to see the preflight report a missing permission
 */
@ConfigurationProperties("runbook.simulator")
public record SimulatorProperties(@DefaultValue("false") boolean enabled, @DefaultValue("true") boolean seedDemoTenant,
		@DefaultValue("1h") Duration tokenLifetime, @DefaultValue("0s") Duration releaseDelay,
		@DefaultValue("5") int unblockLimit, @DefaultValue("100") int pageSize, List<String> revokedAppRoles) {

	/** No permission is missing unless named. */
	public SimulatorProperties {
		revokedAppRoles = (revokedAppRoles != null) ? List.copyOf(revokedAppRoles) : List.of();
	}

}
