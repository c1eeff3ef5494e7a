package org.soc.runbook.escalation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * Tells people when a step of a case runs out of retries and becomes an incident (a tenant outage longer than the
 * retry cycle, a bug): Camunda's own handler still records the incident for Cockpit, and the announcement is queued
 * in the same transaction. Without this an incident waits silently until somebody opens Cockpit.
 */
@Component
class IncidentNotifications extends AbstractProcessEnginePlugin {

	private final Notifications notifications;

	IncidentNotifications(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<IncidentHandler> handlers = new ArrayList<>();
		if (configuration.getCustomIncidentHandlers() != null) {
			handlers.addAll(configuration.getCustomIncidentHandlers());
		}
		handlers.add(new AnnouncingHandler(Incident.FAILED_JOB_HANDLER_TYPE, this.notifications));
		configuration.setCustomIncidentHandlers(handlers);
	}

	/** Camunda's handler, plus an announcement of the new incident. */
	static final class AnnouncingHandler extends DefaultIncidentHandler {

		private final Notifications notifications;

		AnnouncingHandler(String type, Notifications notifications) {
			super(type);
			this.notifications = notifications;
		}

		@Override
		public Incident handleIncident(IncidentContext context, String message) {
			Incident incident = super.handleIncident(context, message);
			ExecutionEntity execution = (context.getExecutionId() != null) ? Context.getCommandContext()
				.getExecutionManager()
				.findExecutionById(context.getExecutionId()) : null;
			String caseKey = (execution != null && execution.getProcessBusinessKey() != null)
					? execution.getProcessBusinessKey() : "(no case)";
			Map<String, Object> facts = new LinkedHashMap<>();
			facts.put("incidentId", incident.getId());
			facts.put("processInstanceId", incident.getProcessInstanceId());
			facts.put("activity", context.getActivityId());
			facts.put("message", Text.line(message, 500));
			this.notifications.announce(NotificationEvent.INCIDENT, caseKey, "Step " + context.getActivityId()
					+ " of case " + caseKey + " ran out of retries: " + Text.line(message, 300)
					+ " An administrator retries it in Cockpit once the cause is fixed.", facts);
			return incident;
		}

	}

}
