package org.soc.runbook.config;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.soc.runbook.tenant.TenantProperties;
import org.soc.runbook.tenant.TenantThrottledException;
import org.soc.runbook.tenant.TenantTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Throttling is Microsoft saying "later", not a failure: a job whose tenant call was answered 429 with a Retry-After
 * longer than the client waits in place is rescheduled for exactly that time, keeping all its retries. Only real
 * failures (outages, errors) count down to an incident. Without this a minute of throttling would use up the retry
 * cycle and stop cases in incidents for nothing.
 */
@Component
class ThrottledJobsWait extends AbstractProcessEnginePlugin implements DisposableBean {

	private static final Logger LOG = LoggerFactory.getLogger(ThrottledJobsWait.class);

	/** The least wait of a job whose call was held back for containment calls. */
	static final Duration YIELDED_FLOOR = Duration.ofMillis(500);

	private final TenantProperties tenant;

	private final ParkedJobWakeUps wakeUps = new ParkedJobWakeUps();

	ThrottledJobsWait(TenantProperties tenant) {
		this.tenant = tenant;
		// The engine's own lines about these jobs would say ERROR; the one line below says what happens.
		EngineLogFilter.install(new ThrottledJobLogFilter());
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		FailedJobCommandFactory standard = (configuration.getFailedJobCommandFactory() != null)
				? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
		configuration.setFailedJobCommandFactory((jobId, failure) -> {
			TenantThrottledException throttled = throttled(failure);
			if (throttled == null) {
				Duration retryAfter = unavailableUntil(failure);
				Command<Object> counted = standard.getCommand(jobId, failure);
				// An outage counts down the retries as any failure does, but the next try is not sooner than the
				// Retry-After Microsoft sent with its 503.
				return (retryAfter == null) ? counted : new NotBeforeRetryAfter(jobId, counted, retryAfter);
			}
			return new WaitForRetryAfter(jobId, failure, wait(throttled), throttled, this.wakeUps);
		});
	}

	@Override
	public void destroy() {
		this.wakeUps.close();
	}

	/**
	 * Microsoft's Retry-After as it is: in whole seconds, and each second longer than asked is a second of the budget
	 * unused. Without one (Identity Protection sends none), or with one of 0, the back-off: a zero repeated would spin
	 * the job executor. A call held back for containment waits what the hold has left, at least
	 * {@link #YIELDED_FLOOR}.
	 */
	Duration wait(TenantThrottledException throttled) {
		Duration after = throttled.retryAfter().orElse(Duration.ZERO);
		if (throttled.yielded()) {
			return (after.compareTo(YIELDED_FLOOR) > 0) ? after : YIELDED_FLOOR;
		}
		return (after.isNegative() || after.isZero()) ? this.tenant.throttleBackoff() : after;
	}

	/** The Retry-After of a transient failure (a 503 that said when to come back), or null. */
	static Duration unavailableUntil(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TenantTransientException outage) {
				return outage.retryAfter().orElse(null);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/** The engine's own retry of a failed job, then its due date moved to the Retry-After if that is later. */
	static final class NotBeforeRetryAfter implements Command<Object> {

		private final String jobId;

		private final Command<Object> counted;

		private final Duration retryAfter;

		NotBeforeRetryAfter(String jobId, Command<Object> counted, Duration retryAfter) {
			this.jobId = jobId;
			this.counted = counted;
			this.retryAfter = retryAfter;
		}

		@Override
		public Object execute(CommandContext commandContext) {
			Object result = this.counted.execute(commandContext);
			JobEntity job = commandContext.getJobManager().findJobById(this.jobId);
			Date notBefore = new Date(ClockUtil.getCurrentTime().getTime() + this.retryAfter.toMillis());
			if (job != null && job.getRetries() > 0 && (job.getDuedate() == null || job.getDuedate().before(notBefore))) {
				job.setDuedate(notBefore);
			}
			return result;
		}

	}

	static TenantThrottledException throttled(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TenantThrottledException throttled) {
				return throttled;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/** Records the 429 on the job and makes it due again after the wait, retries untouched. */
	static final class WaitForRetryAfter extends JobRetryCmd implements Command<Object> {

		private final Duration wait;

		private final TenantThrottledException throttled;

		private final ParkedJobWakeUps wakeUps;

		WaitForRetryAfter(String jobId, Throwable failure, Duration wait, TenantThrottledException throttled,
				ParkedJobWakeUps wakeUps) {
			super(jobId, failure);
			this.wait = wait;
			this.throttled = throttled;
			this.wakeUps = wakeUps;
		}

		@Override
		public Object execute(CommandContext commandContext) {
			JobEntity job = getJob();
			if (job == null) {
				return null;
			}
			if (this.throttled.yielded()) {
				// Flow control of our own, every few seconds for each waiting job in a wave: no stack trace stored,
				// no line an operator need read.
				LOG.debug("{} {} held back ({}): step {} of case {} waits {} ms, retries untouched",
						this.throttled.api(), this.throttled.operation(), this.throttled.errorCode(),
						job.getActivityId(), job.getProcessInstanceId(), this.wait.toMillis());
			}
			else {
				logException(job);
				LOG.info("{} {} throttled by Microsoft: step {} of case {} waits {} s (Retry-After), retries untouched",
						this.throttled.api(), this.throttled.operation(), job.getActivityId(),
						job.getProcessInstanceId(), this.wait.toSeconds());
			}
			job.setLockOwner(null);
			job.setLockExpirationTime(null);
			job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + this.wait.toMillis()));
			JobExecutor executor = commandContext.getProcessEngineConfiguration().getJobExecutor();
			if (executor != null) {
				commandContext.getTransactionContext()
					.addTransactionListener(TransactionState.COMMITTED,
							(committed) -> this.wakeUps.wakeIn(executor, this.wait));
			}
			return null;
		}

	}

}
