package org.soc.runbook.security;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.soc.runbook.config.EngineLogFilter;

import org.springframework.stereotype.Component;

/**
 * Puts {@link CaseIntegrityGuard} in front of every command the engine runs for a caller, and sets the permission
 * the engine grants a task's candidates and assignee to {@code TASK_WORK} (claim and complete) instead of Camunda's
 * default {@code UPDATE} (which would also let them rewrite the task's variables and properties). The
 * authorization is the first line; the guard holds the rule even where an authorization is set wrongly.
 */
@Component
class CaseIntegrity extends AbstractProcessEnginePlugin {

	private final RefusedAttempts refusals;

	private final ObjectMapper json;

	CaseIntegrity(RefusedAttempts refusals, ObjectMapper json) {
		this.refusals = refusals;
		this.json = json;
		// The engine's own ERROR line for a listener's refusal; RefusedAttempts writes one WARN line instead.
		EngineLogFilter.install(new RefusalLogFilter());
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<CommandInterceptor> before = (configuration.getCustomPreCommandInterceptorsTxRequired() != null)
				? new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired()) : new ArrayList<>();
		before.add(0, new CaseIntegrityGuard(configuration, this.refusals, this.json));
		configuration.setCustomPreCommandInterceptorsTxRequired(before);
		configuration.setDefaultUserPermissionNameForTask(Permissions.TASK_WORK.getName());
	}

	/**
	 * Tasks created before candidates got {@code TASK_WORK} still give them {@code UPDATE}; those grants (one per task,
	 * never the administrators' grant on every task) are brought in line, once, at start-up.
	 */
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		AuthorizationService authorizations = engine.getAuthorizationService();
		for (Authorization grant : authorizations.createAuthorizationQuery()
			.resourceType(Resources.TASK)
			.hasPermission(Permissions.UPDATE)
			.list()) {
			if (!Authorization.ANY.equals(grant.getResourceId())) {
				grant.removePermission(Permissions.UPDATE);
				grant.addPermission(Permissions.TASK_WORK);
				authorizations.saveAuthorization(grant);
			}
		}
	}

}
