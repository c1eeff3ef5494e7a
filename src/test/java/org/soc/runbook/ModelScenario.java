package org.soc.runbook;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mockito.stubbing.Stubber;
import org.soc.runbook.cases.CaseModelBeans;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.detection.DetectionProperties;
import org.soc.runbook.escalation.EscalationCompletionListener;
import org.soc.runbook.remediation.RemediationModelBeans;
import org.soc.runbook.remediation.RemediationProperties;
import org.soc.runbook.remediation.RunbookTimers;
import org.soc.runbook.review.ApprovalGuardListener;
import org.soc.runbook.review.ReviewPriority;
import org.soc.runbook.review.ReviewProperties;
import org.soc.runbook.security.GroupNames;
import org.soc.runbook.security.RunbookGroups;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/**
 * The runbook's models on their own, for tests of their paths: an in-memory engine without Spring (H2, no job
 * executor, full history), the files of {@code bpmn/} and {@code forms/} deployed as one deployment the way the
 * application deploys them, and every bean the models name stood in for under that name
 * ({@link MockExpressionManager}, {@link Mocks}).
 * <p>
 * The delegates that talk to the tenant are Mockito mocks. By default they do what lets a case go on: the restriction
 * and the connector's block are still there ({@code blocked} true), the first check after the unblock finds the entity
 * released ({@code released} true), every other step does nothing. A test changes what its path needs
 * ({@link #sets}, {@link #throwsBpmnError}) and verifies the calls ({@link #delegate}). The listeners that only record
 * or guard (the case index, the open-case claim, the review, approval and escalation guards) are mocks too. The beans
 * whose rules a path depends on are the real ones: the outcome an end event records ({@code caseOutcomeListener}),
 * what crosses the call of the verification ({@code verificationMapping}), why a timed-out verification is escalated
 * ({@code verifyTimeoutListener}), and the timers, groups and priority the models read, with the durations below.
 * <p>
 * People's steps and the passing of time are driven from here: after each, the jobs that became due run the way the
 * job executor would run them, and a job that fails fails the test. The engine's clock ({@link ClockUtil}) is global
 * to the JVM, which these tests share with application contexts whose job executors keep running; so a scenario's
 * clock starts at {@link #START}, long past, and moving it on never makes another engine's timers due.
 * <p>
 * A test class registers the engine once and a scenario per test:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ProcessEngineExtension engine = ModelScenario.engine();
 *
 * &#64;RegisterExtension
 * final ModelScenario flow = new ModelScenario(engine);
 * </pre>
 */
public final class ModelScenario implements BeforeEachCallback, AfterEachCallback {

	/** When every scenario starts: fixed, so that due dates can be asserted, and well before any real clock. */
	public static final Instant START = Instant.parse("2025-03-03T09:00:00Z");

	/** How long a review may wait before the leads are told. */
	public static final Duration REVIEW_SLA = Duration.ofHours(4);

	/** How long an approval may wait before the leads are told. */
	public static final Duration APPROVAL_SLA = Duration.ofHours(2);

	/** The helpdesk's SLA: the user's way back in. */
	public static final Duration RESTORE_ACCESS_SLA = Duration.ofHours(8);

	/** A lead's SLA on an escalation; it repeats while the escalation is open. */
	public static final Duration ESCALATION_SLA = Duration.ofHours(24);

	/** The wait between two checks of the blocked list. */
	public static final Duration VERIFY_INTERVAL = Duration.ofMinutes(15);

	/** How long after the unblock a still-listed mailbox is escalated. */
	public static final Duration MAILBOX_VERIFY_TIMEOUT = Duration.ofHours(24);

	/** How long after the unblock a still-listed connector is escalated. */
	public static final Duration CONNECTOR_VERIFY_TIMEOUT = Duration.ofHours(2);

	/** How often the poller runs. */
	public static final Duration POLL_INTERVAL = Duration.ofMinutes(5);

	/** The mailbox of a scenario's mailbox case. */
	public static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	/** The connector of a scenario's connector case. */
	public static final String CONNECTOR = "3f2d8c1e-5b7a-4e9f-8c6d-1a2b3c4d5e6f";

	/** The verification every case calls. */
	public static final String VERIFICATION = "verify-release";

	/** The detection model, whose timer start waits in every deployment. */
	public static final String DETECTION = "restriction-detection";

	/** The engine's name: never {@code default}, which names the application's engine in the same JVM. */
	static final String ENGINE_NAME = "model-scenarios";

	/** The delegates of the models' service tasks: a Mockito mock each. */
	private static final List<String> DELEGATES = List.of("loadRestrictionDelegate", "resetPasswordDelegate",
			"revokeSessionsDelegate", "enforceMfaDelegate", "gatherEvidenceDelegate", "applyCleanupDelegate",
			"unblockSenderDelegate", "loadConnectorBlockDelegate", "gatherConnectorEvidenceDelegate",
			"openAdminMailboxCaseDelegate", "unblockConnectorDelegate", "checkReleaseDelegate", "retryUnblockDelegate",
			"notifyEscalationDelegate", "notifyOverdueTaskDelegate", "pollRestrictionsDelegate",
			"loadSignInOptionsDelegate");

	/** The execution listeners that only record (the case index, the open-case claim, metrics): a mock each. */
	private static final List<String> RECORDING_LISTENERS = List.of("caseIndexListener", "closeCaseListener",
			"reportToDefenderListener", "containmentTimeListener");

	/** The task listeners that guard and record people's answers: a mock each, so any answer goes. */
	private static final List<String> TASK_LISTENERS = List.of("reviewCompletionListener", "approvalGuardListener",
			"escalationContextListener", "escalationCompletionListener", "restoreAccessCompletionListener");

	private static ProcessEngine sharedEngine;

	private final ProcessEngineExtension engine;

	private final Map<String, Object> beans = new HashMap<>();

	private RuntimeService runtimeService;

	private TaskService taskService;

	private ManagementService managementService;

	private HistoryService historyService;

	private EngineDriver driver;

	/** A scenario on the engine of {@link #engine()}. */
	public ModelScenario(ProcessEngineExtension engine) {
		this.engine = engine;
	}

	/**
	 * The in-memory engine, built once per JVM, for a test class to register. After each test it removes the
	 * scenario's deployment with its instances and history, resets the clock, and fails the test if anything was
	 * left in the database.
	 */
	public static ProcessEngineExtension engine() {
		return ProcessEngineExtension.builder().useProcessEngine(sharedEngine()).ensureCleanAfterTest(true).build();
	}

	private static synchronized ProcessEngine sharedEngine() {
		if (sharedEngine == null) {
			ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
			configuration.setProcessEngineName(ENGINE_NAME);
			configuration.setJdbcUrl("jdbc:h2:mem:" + ENGINE_NAME + ";DB_CLOSE_DELAY=-1");
			configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
			configuration.setJobExecutorActivate(false);
			configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
			configuration.setExpressionManager(new MockExpressionManager());
			// The models use neither decision tables nor cases: the engines for those only cost start-up time.
			configuration.setDmnEnabled(false);
			configuration.setCmmnEnabled(false);
			configuration.setMetricsEnabled(false);
			configuration.setDbMetricsReporterActivate(false);
			sharedEngine = configuration.buildProcessEngine();
		}
		return sharedEngine;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		ProcessEngine processEngine = this.engine.getProcessEngine();
		this.runtimeService = processEngine.getRuntimeService();
		this.taskService = processEngine.getTaskService();
		this.managementService = processEngine.getManagementService();
		this.historyService = processEngine.getHistoryService();
		this.driver = new EngineDriver(this.managementService, this.taskService, processEngine.getIdentityService(),
				this.historyService);
		BpmnAwareTests.init(processEngine);
		ClockUtil.setCurrentTime(Date.from(START));
		registerBeans();
		// Deployed after the beans: the detection's timer start reads its cycle from runbookTimers when deployed.
		this.engine.manageDeployment(deploy(processEngine));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// The engine extension has already removed the deployment and reset the clock.
		Mocks.reset();
		BpmnAwareTests.reset();
	}

	/** The tenants each poll reads ({@code detectionSchedule}): the single tenant unless a test says otherwise. */
	private final Schedule schedule = new Schedule();

	/** Which tenants the next polls read. */
	public Schedule schedule() {
		return this.schedule;
	}

	/** The poll's schedule as the model calls it ({@code ${detectionSchedule.dueNow()}}). */
	public static final class Schedule {

		private volatile List<String> due = List.of("default");

		/** The keys of the tenants each poll reads from now on. */
		public void due(String... keys) {
			this.due = List.of(keys);
		}

		public List<String> dueNow() {
			return this.due;
		}

	}

	private void registerBeans() {
		this.beans.clear();
		for (String name : DELEGATES) {
			register(name, mock(JavaDelegate.class, name));
		}
		for (String name : RECORDING_LISTENERS) {
			register(name, mock(ExecutionListener.class, name));
		}
		for (String name : TASK_LISTENERS) {
			register(name, mock(TaskListener.class, name));
		}
		sets("loadRestrictionDelegate", CaseVariables.BLOCKED, true);
		sets("loadConnectorBlockDelegate", CaseVariables.BLOCKED, true);
		sets("checkReleaseDelegate", CaseVariables.RELEASED, true);

		RunbookTimers timers = new RunbookTimers(
				new RemediationProperties(RemediationProperties.MFA_PER_USER, null, VERIFY_INTERVAL,
						MAILBOX_VERIFY_TIMEOUT, CONNECTOR_VERIFY_TIMEOUT, Duration.ofDays(7), 65536, Duration.ofDays(30)),
				new DetectionProperties("R/" + POLL_INTERVAL, null, 8192, false, Duration.ofHours(1),
						Duration.ofDays(7)),
				new ReviewProperties(REVIEW_SLA, APPROVAL_SLA, RESTORE_ACCESS_SLA, ESCALATION_SLA, 90));
		register("runbookTimers", timers);
		register("detectionSchedule", this.schedule);
		register("runbookGroups", new RunbookGroups(new GroupNames(EngineDriver.ANALYSTS, EngineDriver.SECURITY_ADMINS,
				EngineDriver.LEADS, EngineDriver.HELPDESK, "auditors", "camunda-admin", "monitoring")));
		register("reviewPriority", new ReviewPriority());
		register("caseOutcomeListener", CaseModelBeans.caseOutcomeListener());
		register("verificationMapping", RemediationModelBeans.verificationMapping());
		register("verifyTimeoutListener", RemediationModelBeans.verifyTimeoutListener(timers));
	}

	private void register(String name, Object bean) {
		this.beans.put(name, bean);
		Mocks.register(name, bean);
	}

	/** Every file of bpmn/ and forms/ as one deployment, named as the application names them. */
	private static Deployment deploy(ProcessEngine processEngine) throws IOException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
				ModelScenario.class.getClassLoader());
		DeploymentBuilder deployment = processEngine.getRepositoryService()
			.createDeployment()
			.name("restricted-entity-runbook");
		List<Resource> files = new ArrayList<>(List.of(resolver.getResources("classpath*:bpmn/*.bpmn")));
		files.addAll(List.of(resolver.getResources("classpath*:forms/*.form")));
		assertThat(files).as("the models and forms on the classpath").hasSizeGreaterThan(4);
		for (Resource file : files) {
			String name = file.getFilename();
			deployment.addInputStream((name.endsWith(".form") ? "forms/" : "bpmn/") + name, file.getInputStream());
		}
		return deployment.deploy();
	}

	// ---------------------------------------------------------------------------------------------- the stand-ins

	/** The stand-in for the delegate, to verify its calls. */
	public JavaDelegate delegate(String name) {
		return bean(name, JavaDelegate.class);
	}

	/** The stand-in for the execution listener, to verify its calls. */
	public ExecutionListener executionListener(String name) {
		return bean(name, ExecutionListener.class);
	}

	private <T> T bean(String name, Class<T> type) {
		Object bean = this.beans.get(name);
		assertThat(bean).as("a stand-in named " + name).isInstanceOf(type);
		return type.cast(bean);
	}

	/**
	 * From now on the delegate sets the variable: to the first value on its next call, the second on the call after,
	 * and so on; the last value stays.
	 */
	public void sets(String delegate, String variable, Object... values) {
		assertThat(values).as("values of " + variable).isNotEmpty();
		Stubber stubber = null;
		for (Object value : values) {
			stubber = (stubber == null) ? doAnswer((call) -> setVariable(call.getArgument(0), variable, value))
					: stubber.doAnswer((call) -> setVariable(call.getArgument(0), variable, value));
		}
		try {
			stubber.when(delegate(delegate)).execute(any());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object setVariable(DelegateExecution execution, String variable, Object value) {
		execution.setVariable(variable, value);
		return null;
	}

	/** From now on the delegate throws a BPMN error, as the real one does for a business outcome. */
	public void throwsBpmnError(String delegate, String errorCode, String message) {
		try {
			doThrow(new BpmnError(errorCode, message)).when(delegate(delegate)).execute(any());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------------------------------------- cases

	/** A live mailbox case for {@link #MAILBOX}, as the case starter opens one. */
	public ProcessInstance startMailboxCase() {
		return startCase(CaseType.MAILBOX, MAILBOX, Map.of());
	}

	/** A mailbox case for {@link #MAILBOX} with variables beyond or instead of the starter's. */
	public ProcessInstance startMailboxCase(Map<String, Object> variables) {
		return startCase(CaseType.MAILBOX, MAILBOX, variables);
	}

	/** A live connector case for {@link #CONNECTOR}. */
	public ProcessInstance startConnectorCase() {
		return startCase(CaseType.CONNECTOR, CONNECTOR, Map.of());
	}

	/** A connector case for {@link #CONNECTOR} with variables beyond or instead of the starter's. */
	public ProcessInstance startConnectorCase(Map<String, Object> variables) {
		return startCase(CaseType.CONNECTOR, CONNECTOR, variables);
	}

	/**
	 * Opens a case with the variables the case starter sets (a live first case, started over the API by an analyst),
	 * changed by the given ones, and runs the jobs that became due.
	 */
	public ProcessInstance startCase(CaseType type, String entityId, Map<String, Object> variables) {
		Map<String, Object> start = Variables.createVariables()
			.putValue(CaseVariables.ENTITY_TYPE, type.entityType())
			.putValue(CaseVariables.ENTITY_ID, entityId)
			.putValue(CaseVariables.SOURCE, "api")
			.putValue(CaseVariables.STARTED_BY, "analyst")
			.putValue(CaseVariables.REPEAT, false)
			.putValue(CaseVariables.RECENT_CASES, 0L)
			.putValue(CaseVariables.DRY_RUN, false)
			.putValue(CaseVariables.RUN_MODE, DryRun.LIVE);
		start.putAll(variables);
		ProcessInstance pi = this.runtimeService.startProcessInstanceByKey(type.processKey(),
				type.businessKey(entityId), start);
		runDueJobs();
		return pi;
	}

	/**
	 * Starts {@code verify-release} on its own, as an operator could in Cockpit, with what a case hands it (the
	 * entity, live) changed by the given variables, and runs the jobs that became due.
	 */
	public ProcessInstance startVerification(CaseType type, Map<String, Object> variables) {
		String entityId = (type == CaseType.MAILBOX) ? MAILBOX : CONNECTOR;
		Map<String, Object> start = Variables.createVariables()
			.putValue(CaseVariables.ENTITY_TYPE, type.entityType())
			.putValue(CaseVariables.ENTITY_ID, entityId)
			.putValue(CaseVariables.DRY_RUN, false);
		start.putAll(variables);
		ProcessInstance verification = this.runtimeService.startProcessInstanceByKey(VERIFICATION,
				type.businessKey(entityId), start);
		runDueJobs();
		return verification;
	}

	/** The verification the case called and that still runs; fails the test when there is none. */
	public ProcessInstance verification(ProcessInstance pi) {
		ProcessInstance verification = this.runtimeService.createProcessInstanceQuery()
			.superProcessInstanceId(pi.getId())
			.singleResult();
		assertThat(verification).as("a running verification of " + pi.getBusinessKey()).isNotNull();
		return verification;
	}

	// ---------------------------------------------------------------------------------------------- time

	/** Runs every job that is due, one at a time, the earliest first, until none is; a job that fails fails the test. */
	public void runDueJobs() {
		for (int run = 0; run < 1000; run++) {
			List<Job> due = this.managementService.createJobQuery()
				.executable()
				.orderByJobDuedate()
				.asc()
				.listPage(0, 1);
			if (due.isEmpty()) {
				return;
			}
			this.managementService.executeJob(due.get(0).getId());
		}
		throw new AssertionError("jobs keep coming: a loop without a wait in the model?");
	}

	/**
	 * Moves the engine's clock on and runs what became due, as a job executor that was away for that long would: each
	 * timer due by then fires once, and repeating timers start again from the new time.
	 */
	public void passTime(Duration duration) {
		ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
		runDueJobs();
	}

	/** The engine's clock. */
	public Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	// ---------------------------------------------------------------------------------------------- people

	/** The case's review, completed by an analyst with the decision and a comment (not investigating any admin). */
	public void review(ProcessInstance pi, String decision) {
		Map<String, Object> answers = new HashMap<>(Map.of(CaseVariables.REVIEW_DECISION, decision,
				CaseVariables.REVIEW_COMMENT, "Checked with the owner."));
		if (CaseType.of(pi) == CaseType.CONNECTOR) {
			// The real review listener turns a missing answer into false; its stand-in does not.
			answers.put(CaseVariables.INVESTIGATE_ADMIN, false);
		}
		review(pi, answers);
	}

	/** The case's review, completed by an analyst with the answers. */
	public void review(ProcessInstance pi, Map<String, Object> answers) {
		this.driver.review(pi, "analyst", answers);
		runDueJobs();
	}

	/** The case's approval, approved by a security administrator. */
	public void approve(ProcessInstance pi) {
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.APPROVE);
		runDueJobs();
	}

	/** The case's approval, rejected by a security administrator. */
	public void reject(ProcessInstance pi) {
		this.driver.approve(pi, "secadmin", ApprovalGuardListener.REJECT);
		runDueJobs();
	}

	/** Review released, release approved: what a case does until its verification. */
	public void releaseApproved(ProcessInstance pi) {
		review(pi, "release");
		approve(pi);
	}

	/** The task waiting at the activity of the case; fails the test when there is none. */
	public Task task(ProcessInstance pi, String key) {
		return this.driver.task(pi, key);
	}

	/** The helpdesk's step done: the user resets the password themselves. */
	public void userResetsThemselves(ProcessInstance pi) {
		this.driver.userResetsThemselves(pi);
		runDueJobs();
	}

	/** The SOC leads' task of the case's verification, or of the verification itself; fails the test when none. */
	public Task escalationTask(ProcessInstance pi) {
		Task task = this.taskService.createTaskQuery()
			.processInstanceBusinessKey(pi.getBusinessKey())
			.taskDefinitionKey("Task_ResolveEscalation")
			.singleResult();
		assertThat(task).as("escalated to the SOC leads").isNotNull();
		return task;
	}

	/**
	 * The escalation resolved by a SOC lead: {@link EscalationCompletionListener#RETRY_UNBLOCK},
	 * {@link EscalationCompletionListener#KEEP_RESTRICTED} or {@link EscalationCompletionListener#CLOSE}.
	 */
	public void resolveEscalation(ProcessInstance pi, String decision) {
		this.driver.completeAs("lead", EngineDriver.LEADS, escalationTask(pi), Map.of(
				CaseVariables.ESCALATION_DECISION, decision, CaseVariables.ESCALATION_NOTE, "Decided: " + decision));
		runDueJobs();
	}

	// ---------------------------------------------------------------------------------------------- what happened

	/** The variable's last value in the instance's history (running or ended); null when it was never set. */
	public Object variable(ProcessInstance pi, String name) {
		List<HistoricVariableInstance> values = this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(pi.getId())
			.variableName(name)
			.list();
		assertThat(values).as(name + " set in one scope").hasSizeLessThan(2);
		return values.isEmpty() ? null : values.get(0).getValue();
	}

	/** How often the instance entered the activity. */
	public long timesPassed(ProcessInstance pi, String activityId) {
		return this.historyService.createHistoricActivityInstanceQuery()
			.processInstanceId(pi.getId())
			.activityId(activityId)
			.count();
	}

	/** The jobs waiting in the instance: its timers, or a step not yet run. */
	public List<Job> jobs(ProcessInstance pi) {
		return this.managementService.createJobQuery().processInstanceId(pi.getId()).list();
	}

	/** Fails unless every case and verification has ended: no instance, no task, no job but the poll's timer. */
	public void assertNothingWaits() {
		assertThat(this.runtimeService.createProcessInstanceQuery().list()).as("running instances").isEmpty();
		assertThat(this.taskService.createTaskQuery().list()).as("open tasks").isEmpty();
		assertThat(this.managementService.createJobQuery().list()).as("jobs")
			.extracting(Job::getProcessDefinitionKey)
			.containsExactly(DETECTION);
	}

}
