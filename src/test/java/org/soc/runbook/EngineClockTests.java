package org.soc.runbook;

import java.util.Date;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The base of tests that drive the engine themselves: the job executor is off, each test runs the due jobs and moves
 * the engine's clock (which the simulated tenant follows) instead of sleeping, and the simulator's controls and the
 * clock are reset afterwards. These classes share one application context, in a JVM of their own apart from the
 * ordinary tests ({@code engine-clock}): two engines of the same name in one JVM would clash.
 */
@Tag("engine-clock")
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles("test")
public abstract class EngineClockTests {

	@Autowired
	protected ProcessEngine engine;

	@Autowired
	protected RuntimeService runtimeService;

	@Autowired
	protected TaskService taskService;

	@Autowired
	protected ManagementService managementService;

	@Autowired
	protected IdentityService identityService;

	@Autowired
	protected HistoryService historyService;

	@Autowired
	protected CaseStarter starter;

	@Autowired
	protected SimulatedTenant tenant;

	protected EngineDriver driver;

	@BeforeEach
	void engineClockDrivesTheSimulator() {
		this.driver = new EngineDriver(this.managementService, this.taskService, this.identityService,
				this.historyService);
		BpmnAwareTests.init(this.engine);
		ClockUtil.setCurrentTime(new Date());
		this.tenant.useClock(new EngineDriver.EngineClock());
	}

	@AfterEach
	void resetClockAndSimulator() {
		ClockUtil.reset();
		this.tenant.faults().clear();
		this.tenant.resetControls();
		this.identityService.clearAuthentication();
	}

}
