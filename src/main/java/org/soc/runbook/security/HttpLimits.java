package org.soc.runbook.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request bodies taken ({@link RequestSizeLimit}); a larger one is answered 413.
 *
 * @param maxBody any endpoint's, unless one below says otherwise (form submits, task completions, the webapps)
 * @param maxApiBody the project's own API under {@code /api} (a case is opened with a few dozen bytes)
 * @param maxDeploymentBody a deployment sent to Camunda's REST API (an administrator's BPMN and forms)
 */
@ConfigurationProperties("runbook.http")
public record HttpLimits(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("64KB") DataSize maxApiBody,
		@DefaultValue("10MB") DataSize maxDeploymentBody) {

	/** The limit of a request to the path (within the application). */
	long of(String path) {
		if (path.endsWith("/deployment/create")) {
			return this.maxDeploymentBody.toBytes();
		}
		if (path.startsWith("/api/")) {
			return this.maxApiBody.toBytes();
		}
		return this.maxBody.toBytes();
	}

}
