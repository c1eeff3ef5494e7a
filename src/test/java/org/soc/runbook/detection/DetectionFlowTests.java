package org.soc.runbook.detection;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.soc.runbook.ModelScenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The path of {@code restriction-detection} with the poller stood in for ({@link ModelScenario}): deploying it
 * schedules the poll, each poll cycle runs the poller once and ends, and the next cycle is scheduled from the
 * configured interval. What the poller finds in the tenant is for {@link DetectionProcessTests}.
 */
class DetectionFlowTests {

	@RegisterExtension
	static final ProcessEngineExtension engine = ModelScenario.engine();

	@RegisterExtension
	final ModelScenario flow = new ModelScenario(engine);

	@Test
	void everyPollCycleRunsThePollerOnceAndSchedulesTheNext() throws Exception {
		// Deploying schedules the first poll one interval on: nothing polls at once.
		assertThat(pollTimer().getDuedate())
			.isEqualTo(Date.from(ModelScenario.START.plus(ModelScenario.POLL_INTERVAL)));
		this.flow.passTime(ModelScenario.POLL_INTERVAL.minusSeconds(1));
		verifyNoInteractions(this.flow.delegate("pollRestrictionsDelegate"));

		this.flow.passTime(Duration.ofSeconds(1));

		verify(this.flow.delegate("pollRestrictionsDelegate")).execute(any());
		assertThat(runs()).singleElement().satisfies((run) -> {
			assertThat(run.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
			assertThat(run.getEndActivityId()).isEqualTo("EndEvent_Polled");
		});
		assertThat(pollTimer().getDuedate())
			.isEqualTo(Date.from(ModelScenario.START.plus(ModelScenario.POLL_INTERVAL.multipliedBy(2))));

		this.flow.passTime(ModelScenario.POLL_INTERVAL);

		verify(this.flow.delegate("pollRestrictionsDelegate"), times(2)).execute(any());
		assertThat(runs()).hasSize(2);
		this.flow.assertNothingWaits();
	}

	/** The timer that starts the next poll: one, whatever has run. */
	private Job pollTimer() {
		ManagementService management = engine.getManagementService();
		Job timer = management.createJobQuery().processDefinitionKey(ModelScenario.DETECTION).timers().singleResult();
		assertThat(timer).as("the next poll's timer").isNotNull();
		return timer;
	}

	private List<HistoricProcessInstance> runs() {
		HistoryService history = engine.getHistoryService();
		return history.createHistoricProcessInstanceQuery().processDefinitionKey(ModelScenario.DETECTION).list();
	}

}
