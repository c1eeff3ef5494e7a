package org.soc.runbook.remediation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.EntityType;

import org.springframework.stereotype.Component;

/**
 * At the end of {@code Task_EnforceMfa}, the last containment step: how long the attacker kept the mailbox, the
 * figure a SOC feels. Two timers ({@code runbook.case.time.to.contain}): from the restriction appearing on Microsoft's
 * list ({@code from=restriction}) and from the case's opening ({@code from=opening}) to the last containment call
 * Microsoft accepted. Only a mailbox that was contained counts: a reset Microsoft refused (an administrator) or a dry
 * run contained nothing. Recorded when the step's transaction commits, so a retried step counts once.
 */
@Component
class ContainmentTimeListener implements ExecutionListener {

	static final String TIME_TO_CONTAIN = "runbook.case.time.to.contain";

	private final MeterRegistry registry;

	ContainmentTimeListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void notify(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		boolean contained = ResetPasswordDelegate.RESET.equals(context.passwordReset()) && context.sessionsRevoked()
				&& !context.dryRun();
		if (!contained) {
			return;
		}
		Instant now = ClockUtil.getCurrentTime().toInstant();
		HistoricProcessInstance instance = execution.getProcessEngineServices()
			.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.singleResult();
		Date opened = (instance != null) ? instance.getStartTime() : null;
		Instant restricted = instant(execution.getVariable(CaseVariables.RESTRICTED_SINCE));
		afterCommit(() -> {
			record("restriction", restricted, now);
			record("opening", (opened != null) ? opened.toInstant() : null, now);
		});
	}

	private void record(String from, Instant since, Instant contained) {
		if (since == null) {
			return;
		}
		Duration took = Duration.between(since, contained);
		Timer.builder(TIME_TO_CONTAIN)
			.description("From the restriction on Microsoft's list (from=restriction) or the case's opening "
					+ "(from=opening) to the mailbox contained: password reset, sessions revoked, MFA")
			.tag("type", EntityType.MAILBOX.value())
			.tag("from", from)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(100))
			.maximumExpectedValue(Duration.ofDays(1))
			.register(this.registry)
			.record(took.isNegative() ? Duration.ZERO : took);
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

	private static void afterCommit(Runnable count) {
		CommandContext command = Context.getCommandContext();
		if (command == null) {
			count.run();
			return;
		}
		command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, (context) -> count.run());
	}

}
