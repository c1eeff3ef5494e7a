package org.soc.runbook.tenant;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tenants file, {@code runbook.tenants-file.*}: customers' entries that can be added, changed and removed while
 * the deployment runs, where {@code runbook.tenants} takes a restart.
 *
 * @param path a YAML file whose {@code tenants:} holds entries of the same keys as {@code runbook.tenants.<key>.*};
 * none by default. With it the deployment serves many tenants, even while the file lists none yet
 * @param check how often the file is looked at; a change is applied at the next look
 */
@ConfigurationProperties("runbook.tenants-file")
public record TenantsFileProperties(Path path, @DefaultValue("30s") Duration check) {

	/** The condition of the tenants file's beans: a path that is set and not blank (an empty variable is unset). */
	static final String SET = "!'${runbook.tenants-file.path:}'.isBlank()";

}
