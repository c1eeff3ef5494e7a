package org.soc.runbook.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

import org.springframework.stereotype.Component;

/**
 * History level per variable. With the full history level Camunda writes every variable's value twice: once as the
 * variable's history (its final value, {@code ACT_HI_VARINST}) and once more per change ({@code ACT_HI_DETAIL}, with
 * a copy of every JSON document). The change trail is what the audit timeline tells (tenant actions, decisions,
 * escalations, notifications, the outcome: {@link CaseHistory#TRAIL_VARIABLES}), so it is kept for those; the
 * evidence and the other working variables keep their final value only. This halves the rows a case writes and the
 * rows its end must stamp with a removal time (benchmark: src/docs/performance.md).
 */
@Component
class ChangeTrailHistory extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<HistoryEventHandler> handlers = new ArrayList<>();
		if (configuration.getCustomHistoryEventHandlers() != null) {
			handlers.addAll(configuration.getCustomHistoryEventHandlers());
		}
		handlers.add(new TrailOnlyDbHistoryEventHandler(CaseHistory.TRAIL_VARIABLES));
		configuration.setCustomHistoryEventHandlers(handlers);
		configuration.setEnableDefaultDbHistoryEventHandler(false);
	}

	/** Camunda's database history, with variable updates kept per change only for the named variables. */
	static final class TrailOnlyDbHistoryEventHandler extends DbHistoryEventHandler {

		private final Set<String> trail;

		TrailOnlyDbHistoryEventHandler(Set<String> trail) {
			this.trail = trail;
		}

		@Override
		protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
			return this.trail.contains(event.getVariableName()) && super.shouldWriteHistoricDetail(event);
		}

	}

}
