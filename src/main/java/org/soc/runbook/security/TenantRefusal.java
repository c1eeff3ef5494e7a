package org.soc.runbook.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's tenant check refusing a caller something of a tenant they do not serve: "Cannot read the process instance
 * '...' because it belongs to no authenticated tenant." An expected refusal, not a fault: answered 404 and logged as
 * one WARN line, never as the engine's ERROR with a stack trace.
 */
final class TenantRefusal {

	static final Logger LOG = LoggerFactory.getLogger(TenantRefusal.class);

	/** The words of Camunda's tenant check (ENGINE-13034 and its kin). */
	private static final String MARK = "because it belongs to no authenticated tenant";

	private TenantRefusal() {
	}

	/** Who asked: the engine's authenticated user of this request (the REST APIs and the webapps set it). */
	static String caller() {
		ProcessEngine engine = ProcessEngines.getDefaultProcessEngine(false);
		Authentication asking = (engine != null) ? engine.getIdentityService().getCurrentAuthentication() : null;
		return (asking != null && asking.getUserId() != null) ? asking.getUserId() : "a caller not signed in";
	}

	/** The tenant check's message anywhere in the cause chain, or null. */
	static String message(Throwable failure) {
		Throwable cause = failure;
		while (cause != null) {
			if (cause instanceof ProcessEngineException && cause.getMessage() != null
					&& cause.getMessage().contains(MARK)) {
				return cause.getMessage();
			}
			cause = (cause.getCause() == cause) ? null : cause.getCause();
		}
		return null;
	}

}
