package org.soc.runbook.config;

import java.time.Duration;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.mockito.Mockito.after;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/** Tests for {@link ParkedJobWakeUps}: the job acquisition hears of a parked job when it becomes due. */
class ParkedJobWakeUpsTests {

	private final ParkedJobWakeUps wakeUps = new ParkedJobWakeUps();

	private final JobExecutor executor = mock(JobExecutor.class);

	@AfterEach
	void stop() {
		this.wakeUps.close();
	}

	@Test
	void aParkedJobWakesTheAcquisitionWhenItBecomesDueAndNotBefore() {
		this.wakeUps.wakeIn(this.executor, Duration.ofMillis(400));

		verify(this.executor, after(200).never()).jobWasAdded();
		verify(this.executor, timeout(2000)).jobWasAdded();
	}

	@Test
	void aWaveOfJobsParkedUntilTheSameMomentWakesItOnceNotOnceEach() {
		for (int i = 0; i < 50; i++) {
			this.wakeUps.wakeIn(this.executor, Duration.ofMillis(200));
		}

		// One wake-up, or two when the fifty calls happened to straddle the edge of a coalescing slot.
		verify(this.executor, after(1000).atLeast(1)).jobWasAdded();
		verify(this.executor, atMost(2)).jobWasAdded();
	}

}
