package org.soc.runbook.config;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/**
 * Wakes the job acquisition when a parked job becomes due. Camunda's acquisition hears of a job that is due as it is
 * created, but not of one that becomes due later: after acquisitions that found too little it sleeps longer each time
 * (from {@code wait-time-in-millis}, doubling up to a minute), so a job parked for a one-second Retry-After could wait
 * many seconds more, its tenant's budget unused all that time.
 * <p>
 * Wake-ups within {@link #COALESCE} of one another are one: a throttled wave parks many jobs until the same moment.
 */
final class ParkedJobWakeUps implements AutoCloseable {

	static final Duration COALESCE = Duration.ofMillis(20);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "parked-job-wake-ups");
		thread.setDaemon(true);
		return thread;
	});

	/** The wake-ups scheduled, by their slot of {@link #COALESCE}. */
	private final Set<Long> scheduled = ConcurrentHashMap.newKeySet();

	/** Tells {@code executor} that jobs are due in {@code after} from now. */
	void wakeIn(JobExecutor executor, Duration after) {
		long delay = Math.max(0, after.toMillis());
		long slot = (System.currentTimeMillis() + delay) / COALESCE.toMillis();
		if (!this.scheduled.add(slot)) {
			return;
		}
		// At the end of the slot, so that every job parked into it is due by then.
		long atSlotEnd = (slot + 1) * COALESCE.toMillis() - System.currentTimeMillis();
		try {
			this.timer.schedule(() -> {
				this.scheduled.remove(slot);
				executor.jobWasAdded();
			}, atSlotEnd, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException shuttingDown) {
			// The node is stopping: the job is in the database, and the next node's acquisition finds it.
			this.scheduled.remove(slot);
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
