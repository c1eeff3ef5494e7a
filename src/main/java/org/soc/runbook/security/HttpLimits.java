package org.soc.runbook.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request bodies taken ({@link RequestSizeLimit}); a larger one is answered 413.
 *
 * @param maxBody any endpoint's, unless {@code maxApiBody} says otherwise: form submits, task completions, the
 * webapps (nobody deploys by hand, so no endpoint takes models)
 * @param maxApiBody the project's own API under {@code /api} (a case is opened with a few dozen bytes)
 */
@ConfigurationProperties("runbook.http")
public record HttpLimits(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("64KB") DataSize maxApiBody) {

	/** The limit of a request to the path (within the application). */
	long of(String path) {
		if (path.startsWith("/api/")) {
			return this.maxApiBody.toBytes();
		}
		return this.maxBody.toBytes();
	}

}
