package org.soc.runbook.security;

import org.junit.jupiter.api.Test;
import org.soc.runbook.config.ProductionSettingsCheck;

import static org.assertj.core.api.Assertions.assertThat;

/** Production refuses every password the demo publishes, including a demo person added later. */
class DemoPasswordsTests {

	@Test
	void everyDemoPersonsPasswordIsAWellKnownSecret() {
		// A demo person's password is their user name.
		assertThat(ProductionSettingsCheck.WELL_KNOWN_SECRETS).containsAll(DemoUsers.USERS);
	}

}
