package org.soc.runbook.remediation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.soc.runbook.audit.CaseMetrics;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseVariables;

import org.springframework.stereotype.Component;

/**
 * At the end of {@code Task_EnforceMfa}, the last containment step: how long the attacker kept the mailbox, the
 * figure a SOC feels ({@link CaseMetrics#contained}), from the restriction on Microsoft's list and from the case's
 * opening to the last containment call Microsoft accepted. Only a mailbox that was contained counts: a reset
 * Microsoft refused (an administrator) or a dry run contained nothing.
 */
@Component
class ContainmentTimeListener implements ExecutionListener {

	private final CaseMetrics metrics;

	ContainmentTimeListener(CaseMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void notify(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		boolean contained = ResetPasswordDelegate.RESET.equals(context.passwordReset()) && context.sessionsRevoked()
				&& !context.dryRun();
		if (!contained) {
			return;
		}
		HistoricProcessInstance instance = execution.getProcessEngineServices()
			.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.singleResult();
		Date opened = (instance != null) ? instance.getStartTime() : null;
		this.metrics.contained(instant(execution.getVariable(CaseVariables.RESTRICTED_SINCE)),
				(opened != null) ? opened.toInstant() : null, ClockUtil.getCurrentTime().toInstant());
	}

	private static Instant instant(Object value) {
		if (!(value instanceof String text) || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException notATime) {
			return null;
		}
	}

}
