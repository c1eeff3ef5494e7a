package org.soc.runbook.benchmark;

import org.soc.runbook.tenant.TestTenants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.CallActivityBuilder;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.Decisions;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatorCall;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The performance benchmark (issue 9), a command and not a timed test: {@code mvn -Pbenchmark test}
 * ({@code -Dbenchmark.cases=1000} for the big wave). One node on embedded PostgreSQL with the simulated tenant;
 * reviews and approvals are completed by a driver as soon as they appear. Prints a table and writes it to
 * {@code target/benchmark.md}:
 * <ol>
 * <li>wave: N restricted mailboxes at once, detection to released and verified (release delay zero);</li>
 * <li>engine ceiling: the same number of instances through the mailbox runbook's shape (asynchronous steps, gateways,
 * user tasks and their timers, the called verification) with no-op delegates and no data; the ratio wave /
 * ceiling;</li>
 * <li>engine ceiling with the case's data: the same shape again, its steps setting one wave case's variables
 * ({@link CaseDataReplay}); splits the ratio into the engine's work on the case's data and the runbook's own;</li>
 * <li>the ceiling and the wave once more, in reverse order: the ratio pooled over wave, ceiling, ceiling, wave, which
 * cancels a steady drift of the machine's speed within the run;</li>
 * <li>throttled: the tenant allows 20 calls a second (token bucket, 429 with Retry-After past it);</li>
 * <li>distant tenant: a 200-case wave with every answer 100 ms away, as Microsoft is, where the job executor's
 * threads wait on the network and the round trips per case count;</li>
 * <li>tenants: a wave spread over 10 customers' tenants on a node of their own, each throttled on its own
 * ({@link TenantsWave});</li>
 * <li>memory: resident memory after start-up and at the wave's peak;</li>
 * <li>growth: the same 100-case wave and the case list's first page with a near-empty history and with 10,000 and
 * 50,000 closed cases in it ({@link HistorySeeder}).</li>
 * </ol>
 * Each scenario's CPU is split by part ({@link CpuMeter}) so that the figures point at what to tune.
 */
@Tag("benchmark")
class WaveBenchmark {

	private static final int CASES = Integer.getInteger("benchmark.cases", 200);

	/**
	 * The scenarios to run, e.g. {@code throttled,intake} while tuning one of them: {@code wave} (with the warm-up,
	 * the ceilings and the first growth step), {@code throttled}, {@code distant}, {@code intake}, {@code detection},
	 * {@code growth} (after {@code wave}), {@code tenants}. All by default.
	 */
	private static final Set<String> SCENARIOS = Set.of(System
		.getProperty("benchmark.scenarios", "wave,throttled,distant,intake,detection,growth,tenants")
		.split(","));

	private static final int THROTTLED_CASES = Integer.getInteger("benchmark.throttledCases", 100);

	private static final double RATE_LIMIT = Double.parseDouble(System.getProperty("benchmark.rateLimit", "20"));

	/**
	 * The simulated tenant's answer time in the distant-tenant scenario: Microsoft is tens to hundreds of
	 * milliseconds away, and there the job executor's threads wait rather than compute.
	 */
	private static final Duration DISTANT_LATENCY = Duration.ofMillis(Long.getLong("benchmark.latencyMs", 100));

	/** The distant-tenant scenario's wave. */
	private static final int DISTANT_CASES = Integer.getInteger("benchmark.distantCases", 200);

	/** Restrictions sent to the intake one at a time, with the tenant as far away as in the distant scenario. */
	private static final int INTAKE_CASES = Integer.getInteger("benchmark.intakeCases", 50);

	/** Senders on Microsoft's blocked list, each with its case open, while the detection poll is measured. */
	private static final int LISTED = Integer.getInteger("benchmark.listed", 10_000);

	/**
	 * Warm-up rounds the size of the wave run first, not measured, until the JIT compiler has compiled what the
	 * measured runs use: a node in production runs for days, and the JIT's work at start-up is not the runbook's
	 * cost per case. Without enough warm-up the compiler took a third of the two cores through the whole wave. Rounds
	 * of the wave's size, because a thousand open cases at once take paths (and type profiles) that smaller rounds
	 * do not: after rounds of 200 had settled at 2.5 ms of compiler CPU per case, a wave of 1,000 still cost it 5.8;
	 * after rounds of 1,000, 4.9; with the auditors' requests in the warm-up as well ({@link #warmUp}), 1.7.
	 */
	private static final int WARM_UP_ROUND = CASES;

	/**
	 * The JIT has settled when a warm-up round costs it less than this per case (ms of CPU)... The ceiling, measured
	 * after the wave, costs the compiler 2 to 2.5 ms per instance.
	 */
	private static final double SETTLED_JIT_MS = 3;

	/**
	 * ...or after this many cases. C2 compiles a method after thousands of calls, so code that runs a few times a
	 * case (the delegates, the tenant client, the simulator) is still being compiled after 1,600 cases: with 8 rounds
	 * of 200 the compiler spent 6 ms more per case in the wave than in the ceiling after it.
	 */
	private static final int MAX_WARM_UP_CASES = 4_000;

	/**
	 * The share of the wave case's variables that the ceiling with the case's data replays: 1, or less to see what a
	 * case with fewer variables would cost the engine ({@link CaseDataReplay#share}).
	 */
	private static final double REPLAY_SHARE = Double.parseDouble(System.getProperty("benchmark.replayShare", "1"));

	/** Closed cases in history at which the growth wave runs again (after one run on a near-empty history). */
	private static final List<Long> GROWTH = List.of(Long.getLong("benchmark.growth1", 10_000),
			Long.getLong("benchmark.growth2", 50_000));

	/** The growth wave's size: the same at every history size, so the time per case compares. */
	private static final int GROWTH_CASES = 100;

	@Test
	void wave() throws Exception {
		List<String> report = new ArrayList<>();
		report.add("| measure | value |");
		report.add("|---|---|");
		// pg_stat_statements says which statements the wave's database time went to (target/benchmark-sql.md), and
		// how much of it went to planning.
		try {
			try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("shared_preload_libraries", "pg_stat_statements")
				.setServerConfig("pg_stat_statements.track_planning", "on")
				.start()) {
				SpringApplication application = new SpringApplication(RunbookApplication.class, NoOpSteps.class);
				application.setAdditionalProfiles("test");
				// The job executor, pool and JVM settings are the application's own (application.yml,
				// src/docs/performance.md); only the database and the quick verification of the test profile are set here.
				try (ConfigurableApplicationContext node = application.run("--server.port=0",
						"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
						"--runbook.remediation.verify-interval=1s", "--runbook.remediation.mailbox-verify-timeout=10m",
						"--logging.level.root=WARN")) {
					long rssStart = rssKb();
					report.add(row("resident memory after start-up", rssStart / 1024 + " MB"));
					SimulatedTenant tenant = node.getBean(SimulatedTenant.class);
					HistorySeeder seeder = new HistorySeeder(node.getBean(JdbcTemplate.class));
					CaseList caseList = new CaseList(node.getEnvironment().getProperty("local.server.port"));

					Growth growth = new Growth(seeder, caseList);
					JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
					if (on("wave")) {
						report.add(row("warm-up: cases until the JIT settled; JIT CPU per case by round (ms)",
								warmUp(node, tenant, caseList)));
						growth.measure(node, tenant, "growth0", report);

						jdbc.execute("create extension if not exists pg_stat_statements");
						jdbc.execute("select pg_stat_statements_reset()");
						PeakRss peak = new PeakRss();
						peak.start();
						CpuMeter.Reading cpuBefore = CpuMeter.now();
						PostgresMeter.Reading postgresBefore = PostgresMeter.now(jdbc);
						long callsBefore = successfulCalls(tenant);
						int sequenceBefore = tenant.calls().size();
						Result wave = runMailboxes(node, tenant, "wave", CASES);
						CpuMeter.Reading cpuAfter = CpuMeter.now();
						PostgresMeter.Reading postgresAfter = PostgresMeter.now(jdbc);
						peak.stopSampling();
						report.add(row("wave: cases", CASES));
						report.add(row("wave: cases per second, detection to released and verified",
								String.format(Locale.ROOT, "%.2f", wave.perSecond())));
						report.add(row("wave: detection to review task p50 / p95 / max (s)", wave.toReview()));
						report.add(row("wave: whole case p50 / p95 / max (s)", wave.whole()));
						Containment waveContainment = Containment.of(jdbc, wave.ids());
						report.add(row("wave: time to contain from the restriction on the list; from opening p50 / p95 / "
								+ "max (s)", waveContainment.fromRestriction() + "; " + waveContainment.fromOpening()));
						report.add(row("wave: lost (not finished) / incidents", wave.lost() + " / " + wave.incidents()));
						report.add(row("wave: tenant calls / HTTP round trips (a JSON batch is one) / jobs per case",
								String.format(Locale.ROOT, "%.1f / %.1f / %.1f",
										(successfulCalls(tenant) - callsBefore) / (double) CASES,
										roundTrips(tenant, sequenceBefore) / (double) CASES,
										jobsPerInstance(jdbc, wave.ids()))));
						report.add(row("wave: CPU ms per case", CpuMeter.perCase(cpuBefore, cpuAfter, CASES)));
						report.add(row("wave: rows written per case", rowsPerCase(jdbc, wave.ids())));
						report.add(row("resident memory at the wave's peak", peak.max() / 1024 + " MB"));
						report.add(row("wave: PostgreSQL planning / execution ms per case (pg_stat_statements)",
								jdbc.queryForObject("select sum(total_plan_time), sum(total_exec_time) from pg_stat_statements",
										(rs, n) -> String.format(Locale.ROOT, "%.1f / %.1f", rs.getDouble(1) / CASES,
												rs.getDouble(2) / CASES))));
						report.add(row("wave: PostgreSQL per case",
								PostgresMeter.perCase(postgresBefore, postgresAfter, CASES)));
						writeStatements(jdbc, CASES);

						Map<String, double[]> ceilingStatements = new HashMap<>();
						Result ceiling = ceiling(node, Shape.empty(), "engine ceiling", report, ceilingStatements);
						report.add(row("wave / engine ceiling", String.format(Locale.ROOT, "%.2f",
								wave.perSecond() / ceiling.perSecond())));
						// The same shape with one wave case's variables and nothing else of the runbook: splits the
						// distance from the ceiling into the engine's work on the case's data and the runbook's own.
						RepositoryService repository = node.getBean(RepositoryService.class);
						BpmnModelInstance runbook = repository.getBpmnModelInstance(repository.createProcessDefinitionQuery()
							.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
							.latestVersion()
							.singleResult()
							.getId());
						CaseDataReplay replay = CaseDataReplay.of(node.getBean(HistoryService.class), runbook, wave.ids())
							.share(REPLAY_SHARE);
						node.getBean(CaseDataReplay.Delegate.class).replay(replay);
						Map<String, double[]> withDataStatements = new HashMap<>();
						Result withData = ceiling(node,
								Shape.withData(replay, runbook.getModelElementById(CaseDataReplay.CALL)),
								"engine ceiling with the case's data (" + replay.variables() + " variables replayed)", report,
								withDataStatements);
						writeDataStatements(ceilingStatements, withDataStatements, CASES);
						report.add(row("engine ceiling with the case's data: variables set by step (the verification's "
								+ "mappings not counted)", replay.byStep()));
						report.add(row("engine ceiling with the case's data / engine ceiling; wave / that",
								String.format(Locale.ROOT, "%.2f; %.2f", withData.perSecond() / ceiling.perSecond(),
										wave.perSecond() / withData.perSecond())));
						// The machine's speed drifts within a run by more than a change is worth (src/docs/performance.md); the ceiling and
						// the wave once more, in reverse order (wave, ceiling, ceiling, wave), cancel a steady drift when
						// pooled.
						Result ceilingAgain = runCeiling(node, Shape.empty(), CASES);
						Result waveAgain = runMailboxes(node, tenant, "waveagain", CASES);
						report.add(row("again in reverse order: engine ceiling / wave, instances or cases per second; "
								+ "lost / incidents", String.format(Locale.ROOT, "%.2f / %.2f; %d / %d",
										ceilingAgain.perSecond(), waveAgain.perSecond(),
										ceilingAgain.lost() + waveAgain.lost(),
										ceilingAgain.incidents() + waveAgain.incidents())));
						report.add(row("wave / engine ceiling, both measured twice (wave, ceiling, ceiling, wave; pooled)",
								String.format(Locale.ROOT, "%.2f", (wave.perSecond() + waveAgain.perSecond())
										/ (ceiling.perSecond() + ceilingAgain.perSecond()))));
					}

					if (on("throttled")) {
						long callsBefore = answeredCalls(tenant);
						long throttledBefore = throttledCalls(tenant);
						int throttledLog = tenant.calls().size();
						tenant.faults().rateLimit(RATE_LIMIT, (int) Math.max(1, RATE_LIMIT));
						Result throttled = runMailboxes(node, tenant, "throttled", THROTTLED_CASES);
						tenant.faults().clear();
						Containment throttledContainment = Containment.of(jdbc, throttled.ids());
						double containmentCalls = throttledContainment.calls(tenant,
								tenant.calls().subList(throttledLog, tenant.calls().size())) / (double) THROTTLED_CASES;
						report.add(row("throttled: time to contain from the restriction on the list; from opening p50 / "
								+ "p95 / max (s)", throttledContainment.fromRestriction() + "; "
										+ throttledContainment.fromOpening()));
						report.add(row("throttled: containment calls per case; all contained after (s) / least the limit "
								+ "allows (s) = ratio (goal at most 1.15)",
								throttledContainment.againstTheLimit(containmentCalls, RATE_LIMIT)));
						report.add(row("throttled: p95 time to contain (s) / least for its place in the queue (s) = ratio "
								+ "(goal at most 1.15)", throttledContainment.p95AgainstItsPlace(containmentCalls, RATE_LIMIT)));
						double rate = (answeredCalls(tenant) - callsBefore) / throttled.seconds();
						report.add(row("throttled: limit (calls/s) / cases", RATE_LIMIT + " / " + THROTTLED_CASES));
						report.add(row("throttled: achieved tenant calls/s (share of the limit)",
								String.format(Locale.ROOT, "%.1f (%.0f %%)", rate, 100 * rate / RATE_LIMIT)));
						report.add(row("throttled: 429 answers", throttledCalls(tenant) - throttledBefore));
						report.add(row("throttled: lost / incidents", throttled.lost() + " / " + throttled.incidents()));
					}

					if (on("distant")) {
						long callsBefore = successfulCalls(tenant);
						int logBefore = tenant.calls().size();
						tenant.faults().latency(DISTANT_LATENCY);
						Result distant = runMailboxes(node, tenant, "distant", DISTANT_CASES);
						tenant.faults().clear();
						report.add(row("distant tenant: answer time (ms) / cases", DISTANT_LATENCY.toMillis() + " / "
								+ DISTANT_CASES));
						report.add(row("distant tenant: cases per second / tenant calls per second",
								String.format(Locale.ROOT, "%.2f / %.1f", distant.perSecond(),
										(successfulCalls(tenant) - callsBefore) / distant.seconds())));
						report.add(row("distant tenant: HTTP round trips per case",
								String.format(Locale.ROOT, "%.1f", roundTrips(tenant, logBefore) / (double) DISTANT_CASES)));
						report.add(row("distant tenant: detection to review task p50 / p95 / max (s)", distant.toReview()));
						report.add(row("distant tenant: whole case p50 / p95 / max (s)", distant.whole()));
						Containment distantContainment = Containment.of(jdbc, distant.ids());
						report.add(row("distant tenant: time to contain from the restriction on the list; from opening "
								+ "p50 / p95 / max (s)", distantContainment.fromRestriction() + "; "
										+ distantContainment.fromOpening()));
						report.add(row("distant tenant: lost / incidents", distant.lost() + " / " + distant.incidents()));
					}

					if (on("intake")) {
						List<String> intake = IntakeLatency.measure(node, tenant, DISTANT_LATENCY, INTAKE_CASES, report);
						await(node, ProcessKeys.MAILBOX_RUNBOOK, intake, Instant.now(), (task) -> Map.of());
					}
					if (on("detection")) {
						DetectionCost.measure(node, tenant, LISTED, report);
					}
					if (on("tenants")) {
						TenantsWave.measure(postgres, report);
					}
					if (on("growth")) {
						for (long closed : GROWTH) {
							seeder.fillTo(closed);
							growth.measure(node, tenant, "growth" + closed, report);
						}
						report.add(row("growth: time per case with the most closed cases / with none",
								String.format(Locale.ROOT, "%.2f", growth.ratio())));
					}
				}
			}
		}
		finally {
			// Whatever ran is printed, also when a later scenario fails: a quarter of an hour is not run twice for it.
			report.add(row("driver: task completions tried again after a concurrent change of the case",
					CONCURRENT_COMPLETIONS.get()));
			String table = String.join("\n", report);
			System.out.println("\n" + table + "\n");
			Files.createDirectories(Path.of("target"));
			Files.writeString(Path.of("target", "benchmark.md"), "# Benchmark\n\n" + table + "\n");
		}
	}

	// ------------------------------------------------------------------------------------------------ scenarios

	/**
	 * Warm-up rounds until the JIT compiler's share is small; says "1,000; 31.0, 17.2, 9.9, 6.3, 4.1" (cases run;
	 * the JIT's ms of CPU per case, by round).
	 */
	private static String warmUp(ConfigurableApplicationContext node, SimulatedTenant tenant, CaseList caseList)
			throws Exception {
		List<String> jitByRound = new ArrayList<>();
		double jit = Double.NaN;
		int rounds = Math.max(1, MAX_WARM_UP_CASES / WARM_UP_ROUND);
		while (jitByRound.size() < rounds && !(jit < SETTLED_JIT_MS)) {
			CpuMeter.Reading before = CpuMeter.now();
			runMailboxes(node, tenant, "warmup" + jitByRound.size(), WARM_UP_ROUND);
			// A node serves auditors next to its cases. Without their requests in the warm-up, the growth step's
			// case-list requests made the web stack's and MyBatis's call sites, compiled for the simulator's requests
			// alone, polymorphic just before the wave: hundreds of deoptimizations, and a compiler that spent 12 ms
			// per case in a 200-case wave after 2.8 ms in the last warm-up round.
			caseList.browse();
			jit = CpuMeter.msPerCase(before, CpuMeter.now(), WARM_UP_ROUND, CpuMeter.JIT);
			jitByRound.add(String.format(Locale.ROOT, "%.1f", jit));
		}
		return String.format(Locale.ROOT, "%,d; %s", jitByRound.size() * WARM_UP_ROUND, String.join(", ", jitByRound));
	}

	private static Result runMailboxes(ConfigurableApplicationContext node, SimulatedTenant tenant, String prefix,
			int cases) throws Exception {
		List<String> mailboxes = new ArrayList<>();
		for (int i = 0; i < cases; i++) {
			String mailbox = prefix + ".user" + i + "@contoso.onmicrosoft.com";
			tenant.addUser(mailbox, "Bench User " + i);
			// Registered for self-service password reset: the helpdesk's step ends with "resets it themselves".
			tenant.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0199");
			tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=3000;");
			mailboxes.add(mailbox);
		}
		CaseStarter starter = node.getBean(CaseStarter.class);
		Instant started = Instant.now();
		ExecutorService detections = Executors.newFixedThreadPool(4, (runnable) -> new Thread(runnable,
				"benchmark-detection"));
		List<String> ids = Collections.synchronizedList(new ArrayList<>());
		for (String mailbox : mailboxes) {
			detections.submit(() -> ids.add(starter.openMailboxCase(TestTenants.SINGLE, mailbox, "benchmark", "benchmark").id()));
		}
		detections.shutdown();
		detections.awaitTermination(5, TimeUnit.MINUTES);
		return await(node, ProcessKeys.MAILBOX_RUNBOOK, ids, started, (task) -> Map.of());
	}

	/** Runs a ceiling shape with as many instances as the wave and reports its speed, CPU and rows. */
	private static Result ceiling(ConfigurableApplicationContext node, Shape shape, String name, List<String> report,
			Map<String, double[]> statements) throws Exception {
		JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
		jdbc.execute("select pg_stat_statements_reset()");
		CpuMeter.Reading cpuBefore = CpuMeter.now();
		PostgresMeter.Reading postgresBefore = PostgresMeter.now(jdbc);
		Result result = runCeiling(node, shape, CASES);
		CpuMeter.Reading cpuAfter = CpuMeter.now();
		PostgresMeter.Reading postgresAfter = PostgresMeter.now(jdbc);
		statements.putAll(statements(jdbc));
		report.add(row(name + ": instances per second", String.format(Locale.ROOT, "%.2f", result.perSecond())));
		report.add(row(name + ": CPU ms per instance", CpuMeter.perCase(cpuBefore, cpuAfter, CASES)));
		report.add(row(name + ": PostgreSQL per instance", PostgresMeter.perCase(postgresBefore, postgresAfter,
				CASES)));
		report.add(row(name + ": jobs / rows written per instance", String.format(Locale.ROOT, "%.1f / ",
				jobsPerInstance(jdbc, result.ids())) + rowsPerCase(jdbc, result.ids())));
		report.add(row(name + ": lost / incidents", result.lost() + " / " + result.incidents()));
		return result;
	}

	private static Result runCeiling(ConfigurableApplicationContext node, Shape shape, int cases) throws Exception {
		node.getBean(RepositoryService.class)
			.createDeployment()
			.addModelInstance(shape.key() + ".bpmn", ceilingModel(shape))
			.addModelInstance(shape.verifyKey() + ".bpmn", ceilingVerifyModel(shape))
			.deploy();
		RuntimeService runtime = node.getBean(RuntimeService.class);
		Instant started = Instant.now();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < cases; i++) {
			ids.add(runtime.startProcessInstanceByKey(shape.key(), shape.key() + ":" + i, shape.start()).getId());
		}
		return await(node, shape.key(), ids, started, shape.completion());
	}

	/**
	 * A ceiling model's keys, delegate and data.
	 *
	 * @param key the ceiling process
	 * @param verifyKey the verification it calls
	 * @param delegate the steps' delegate expression
	 * @param start the variables each instance starts with
	 * @param completion the variables each user task (by id) is completed with
	 * @param in the call's variable in mappings, source to target
	 * @param out the call's variable out mappings, source to target
	 * @param mapping the call's variable mapping delegate expression, or null
	 */
	record Shape(String key, String verifyKey, String delegate, Map<String, Object> start,
			Function<String, Map<String, Object>> completion, Map<String, String> in, Map<String, String> out,
			String mapping) {

		/** The engine alone: no-op steps, no data. */
		static Shape empty() {
			return new Shape("benchmark-ceiling", "benchmark-ceiling-verify", "${benchmarkNoop}", Map.of(),
					(task) -> Map.of(), Map.of(), Map.of(), null);
		}

		/** The engine with the case's data: the replay's steps, the verification's mappings and mapping delegate. */
		static Shape withData(CaseDataReplay replay, CallActivity call) {
			return new Shape("benchmark-ceiling-data", "benchmark-ceiling-data-verify", "${benchmarkReplay}",
					replay.atStart(), replay::at, CaseDataReplay.inMappings(call), CaseDataReplay.outMappings(call),
					call.getCamundaVariableMappingDelegateExpression());
		}

	}

	/**
	 * The mailbox runbook's shape with no work in it: the same asynchronous steps (with the containment's job
	 * priority), gateways, the helpdesk's branch beside the release path, user tasks with their overdue timers, error
	 * boundaries (which make their steps scopes),
	 * and the verification as a called process with a timeout around a timer and a check. Only the delegates, the
	 * listeners and the data are missing: what the ratio wave / ceiling is to measure. The rows each instance writes
	 * are reported next to the wave's, so the shapes can be compared.
	 */
	private static BpmnModelInstance ceilingModel(Shape shape) {
		// Every step's delegate expression: no-op, or the replay of a case's data.
		String step = shape.delegate();
		CallActivityBuilder verify = Bpmn.createExecutableProcess(shape.key())
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.serviceTask("Noop_Load").camundaAsyncBefore().camundaJobPriority("200").camundaDelegateExpression(step)
			.exclusiveGateway("Gateway_StillBlocked")
			.serviceTask("Noop_Reset").camundaAsyncBefore().camundaJobPriority("200").camundaDelegateExpression(step)
			.boundaryEvent("Noop_ResetError").error("NOOP_ERROR").endEvent()
			.moveToActivity("Noop_Reset")
			.serviceTask("Noop_Revoke").camundaAsyncBefore().camundaJobPriority("200").camundaDelegateExpression(step)
			.serviceTask("Noop_Mfa").camundaAsyncBefore().camundaJobPriority("200").camundaDelegateExpression(step)
			// The helpdesk's branch beside the evidence and the release path, as in the runbook.
			.parallelGateway("Fork_Helpdesk")
			.serviceTask("Noop_Evidence").camundaAsyncBefore().camundaJobPriority("100").camundaDelegateExpression(step)
			.userTask("Bench_Review").camundaCandidateGroups("soc-analysts")
			.boundaryEvent("Bench_ReviewOverdue").cancelActivity(false).timerWithDuration("PT4H")
			.serviceTask("Noop_ReviewOverdue").camundaAsyncBefore().camundaDelegateExpression(step).endEvent()
			.moveToActivity("Bench_Review")
			.exclusiveGateway("Gateway_ReviewDecision")
			.userTask("Bench_Approve").camundaCandidateGroups("security-admins")
			.boundaryEvent("Bench_ApprovalOverdue").cancelActivity(false).timerWithDuration("PT2H")
			.serviceTask("Noop_ApprovalOverdue").camundaAsyncBefore().camundaDelegateExpression(step).endEvent()
			.moveToActivity("Bench_Approve")
			.exclusiveGateway("Gateway_ApprovalDecision")
			.serviceTask("Noop_Cleanup").camundaAsyncBefore().camundaDelegateExpression(step)
			.serviceTask("Noop_Unblock").camundaAsyncBefore().camundaDelegateExpression(step)
			.boundaryEvent("Noop_UnblockError").error("NOOP_ERROR").endEvent()
			.moveToActivity("Noop_Unblock")
			.callActivity("Noop_VerifyRelease").calledElement(shape.verifyKey());
		shape.in().forEach(verify::camundaIn);
		shape.out().forEach(verify::camundaOut);
		if (shape.mapping() != null) {
			verify.camundaVariableMappingDelegateExpression(shape.mapping());
		}
		return verify.exclusiveGateway("Gateway_ReleaseOutcome")
			.parallelGateway("Join_Helpdesk")
			.endEvent()
			.moveToNode("Fork_Helpdesk")
			.serviceTask("Noop_SignInOptions").camundaAsyncBefore().camundaDelegateExpression(step)
			.userTask("Bench_RestoreAccess").camundaCandidateGroups("helpdesk")
			.boundaryEvent("Bench_RestoreAccessOverdue").cancelActivity(false).timerWithDuration("PT8H")
			.serviceTask("Noop_RestoreAccessOverdue").camundaAsyncBefore().camundaDelegateExpression(step).endEvent()
			.moveToActivity("Bench_RestoreAccess")
			.connectTo("Join_Helpdesk")
			.done();
	}

	/** verify-release's shape: a timeout around waiting and checking, no escalation taken. */
	private static BpmnModelInstance ceilingVerifyModel(Shape shape) {
		// Every step's delegate expression: no-op, or the replay of a case's data.
		String step = shape.delegate();
		return Bpmn.createExecutableProcess(shape.verifyKey())
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.exclusiveGateway("Gateway_EscalateAtOnce")
			.subProcess("Noop_CheckUntilReleased")
			.embeddedSubProcess()
			.startEvent()
			.intermediateCatchEvent("Noop_Wait").timerWithDuration("PT1S")
			.serviceTask("Noop_Check").camundaAsyncBefore().camundaDelegateExpression(step)
			.exclusiveGateway("Gateway_Released")
			.endEvent()
			.subProcessDone()
			.endEvent()
			.moveToActivity("Noop_CheckUntilReleased")
			.boundaryEvent("Noop_VerifyTimeout").timerWithDuration("PT10M")
			.serviceTask("Noop_Escalate").camundaAsyncBefore().camundaDelegateExpression(step)
			.endEvent()
			.done();
	}

	/** Completes the people's tasks as they appear until every instance ended (or ten minutes passed). */
	/** Task completions that met a concurrent change of the same case and were tried again. */
	private static final AtomicLong CONCURRENT_COMPLETIONS = new AtomicLong();

	static Result await(ConfigurableApplicationContext node, String processKey, List<String> ids,
			Instant started, Function<String, Map<String, Object>> ceilingCompletion) throws InterruptedException {
		TaskService tasks = node.getBean(TaskService.class);
		IdentityService identity = node.getBean(IdentityService.class);
		HistoryService history = node.getBean(HistoryService.class);
		JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
		Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
		while (Instant.now().isBefore(deadline)) {
			for (Task task : tasks.createTaskQuery().processDefinitionKey(processKey).listPage(0, 200)) {
				Decisions.Worker worker = Decisions.worker(task.getTaskDefinitionKey());
				boolean ceiling = task.getTaskDefinitionKey().startsWith("Bench");
				// The ceiling's tasks are the engine's alone: completed with the replayed data and no person, whom
				// the runbook's guard would hold to a form these tasks do not have.
				if (!ceiling) {
					// A customer's task is worked by someone who serves that customer.
					identity.setAuthentication(worker.user(), List.of(worker.group()),
							(task.getTenantId() != null) ? List.of(task.getTenantId()) : List.of());
				}
				try {
					tasks.complete(task.getId(), ceiling ? ceilingCompletion.apply(task.getTaskDefinitionKey())
							: worker.answers());
				}
				catch (OptimisticLockingException | ProcessEnginePersistenceException concurrent) {
					// A job of the same case (the helpdesk's branch beside the review) changed it at the same time;
					// PostgreSQL may report that as a deadlock. Nothing was completed: the task is there next round,
					// as it would be for a person who clicks again.
					CONCURRENT_COMPLETIONS.incrementAndGet();
				}
				finally {
					identity.clearAuthentication();
				}
			}
			// A plain count by primary key: the history query's joins and DISTINCT cost the database more than
			// the cases it waits for, ten times a second (pg_stat_statements showed it among the wave's top).
			Long finished = jdbc.queryForObject("select count(*) from act_hi_procinst where id_ = any (?) "
					+ "and end_time_ is not null", Long.class, (Object) ids.toArray(new String[0]));
			if (finished >= ids.size()) {
				break;
			}
			Thread.sleep(100);
		}
		return Result.of(history, processKey, ids, started,
				node.getBean(RuntimeService.class).createIncidentQuery().count());
	}

	/** The wave's statements by total database time, per case, to target/benchmark-sql.md. */
	private static void writeStatements(JdbcTemplate jdbc, int cases) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("# The wave's SQL by total time (pg_stat_statements)\n");
		lines.add("| ms per case | planning ms per case | calls per case | mean ms | rows per call | statement |");
		lines.add("|---|---|---|---|---|---|");
		jdbc.query("select total_exec_time, total_plan_time, calls, mean_exec_time, rows, query "
				+ "from pg_stat_statements order by total_exec_time desc limit 25", (rs) -> {
					lines.add(String.format(Locale.ROOT, "| %.2f | %.2f | %.1f | %.3f | %.1f | %s |",
							rs.getDouble(1) / cases, rs.getDouble(2) / cases, rs.getLong(3) / (double) cases,
							rs.getDouble(4), rs.getLong(5) / (double) Math.max(1, rs.getLong(3)),
							rs.getString(6).replaceAll("\\s+", " ").replace("|", "\\|")));
				});
		Files.createDirectories(Path.of("target"));
		Files.write(Path.of("target", "benchmark-sql.md"), lines);
	}

	/** Each statement's execution time (ms) and calls since the last reset, by its text. */
	private static Map<String, double[]> statements(JdbcTemplate jdbc) {
		Map<String, double[]> statements = new HashMap<>();
		jdbc.query("select query, total_exec_time, calls from pg_stat_statements", (rs) -> {
			statements.merge(rs.getString(1).replaceAll("\\s+", " "),
					new double[] { rs.getDouble(2), rs.getLong(3) },
					(a, b) -> new double[] { a[0] + b[0], a[1] + b[1] });
		});
		return statements;
	}

	/**
	 * What the case's data adds to the database, statement by statement: the ceiling with the data against the
	 * ceiling, per instance, appended to target/benchmark-sql.md.
	 */
	private static void writeDataStatements(Map<String, double[]> ceiling, Map<String, double[]> withData, int cases)
			throws IOException {
		Set<String> queries = new HashSet<>(ceiling.keySet());
		queries.addAll(withData.keySet());
		double[] none = { 0, 0 };
		List<String> lines = new ArrayList<>();
		lines.add("\n# What the case's data adds: the ceiling with the data against the ceiling (pg_stat_statements)\n");
		lines.add(String.format(Locale.ROOT, "Execution ms per instance: ceiling %.2f, with the data %.2f.\n",
				ceiling.values().stream().mapToDouble((v) -> v[0]).sum() / cases,
				withData.values().stream().mapToDouble((v) -> v[0]).sum() / cases));
		lines.add("| ms per instance added | calls per instance added | with the data: ms, calls per instance | statement |");
		lines.add("|---|---|---|---|");
		queries.stream()
			.sorted(Comparator.comparingDouble((String q) -> -Math.abs(withData.getOrDefault(q, none)[0]
					- ceiling.getOrDefault(q, none)[0])))
			.limit(30)
			.forEach((q) -> {
				double[] with = withData.getOrDefault(q, none);
				double[] without = ceiling.getOrDefault(q, none);
				lines.add(String.format(Locale.ROOT, "| %.2f | %.1f | %.2f, %.1f | %s |", (with[0] - without[0]) / cases,
						(with[1] - without[1]) / cases, with[0] / cases, with[1] / cases,
						q.replace("|", "\\|")));
			});
		Files.write(Path.of("target", "benchmark-sql.md"), lines, StandardOpenOption.APPEND);
	}

	/** The history and variable rows a case leaves, by table (called instances included), the most first. */
	private static String rowsPerCase(JdbcTemplate jdbc, List<String> ids) {
		Map<String, Long> rows = new HashMap<>();
		for (String table : List.of("ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_ACTINST", "ACT_HI_JOB_LOG",
				"ACT_HI_TASKINST", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_GE_BYTEARRAY")) {
			rows.put(table, countByRoot(jdbc, "select count(*) from " + table + " where root_proc_inst_id_ = any (?)",
					ids));
		}
		return rows.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map((e) -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue() / (double) ids.size()))
			.collect(Collectors.joining(", "));
	}

	/** Jobs the engine ran per instance (successful executions in the job log, called instances included). */
	private static double jobsPerInstance(JdbcTemplate jdbc, List<String> ids) {
		return countByRoot(jdbc,
				"select count(*) from act_hi_job_log where root_proc_inst_id_ = any (?) and job_state_ = 2", ids)
				/ (double) ids.size();
	}

	/** A count over the instances' rows, the ids passed as one array (as the wave's wait does). */
	private static long countByRoot(JdbcTemplate jdbc, String sql, List<String> ids) {
		return jdbc.queryForObject(sql, Long.class, (Object) ids.toArray(new String[0]));
	}

	private static long successfulCalls(SimulatedTenant tenant) {
		return tenant.calls().stream().filter((c) -> c.api() != SimulatedApi.TOKEN && c.status() < 300).count();
	}

	/**
	 * The calls the limit let through, whatever their answer: a 404 (a user Identity Protection has no record of)
	 * used the budget as a 200 does; only a 429 did not.
	 */
	private static long answeredCalls(SimulatedTenant tenant) {
		return tenant.calls().stream().filter((c) -> c.api() != SimulatedApi.TOKEN && c.status() != 429).count();
	}

	/**
	 * The HTTP exchanges with Graph and Exchange since the call log held {@code from} entries: each call sent alone,
	 * and each JSON batch once, however many requests it carried.
	 */
	private static long roundTrips(SimulatedTenant tenant, int from) {
		List<SimulatorCall> calls = tenant.calls();
		calls = calls.subList(Math.min(from, calls.size()), calls.size());
		long alone = calls.stream()
			.filter((c) -> c.api() != SimulatedApi.TOKEN && !c.parameters().containsKey("$batch"))
			.count();
		long batches = calls.stream()
			.map((c) -> c.parameters().get("$batch"))
			.filter(Objects::nonNull)
			.distinct()
			.count();
		return alone + batches;
	}

	private static long throttledCalls(SimulatedTenant tenant) {
		return tenant.calls().stream().filter((c) -> c.status() == 429).count();
	}

	/**
	 * When each case of a run was contained (its last containment step, {@code Task_EnforceMfa}, ended), from the
	 * history: the time from the restriction on Microsoft's list and from each case's opening, and the run against the
	 * least time the tenant's limit allows for the containment calls (all of them, and each case for its place in the
	 * queue).
	 *
	 * @param restricted when each case's restriction was listed, in the order the cases were contained
	 * @param opened each case's opening, in order
	 * @param contained when each was contained, in order
	 */
	record Containment(List<String> mailboxes, List<Instant> restricted, List<Instant> opened,
			List<Instant> contained) {

		/** The tenant calls of containment: the restriction, the user, the reset, the sessions, the MFA group. */
		static final Set<String> CALLS = Set.of("Get-BlockedSenderAddress", "getUser", "resetPassword",
				"revokeSignInSessions", "addGroupMember");

		static Containment of(JdbcTemplate jdbc, List<String> ids) {
			List<Object[]> rows = jdbc.query("select p.start_time_, a.end_time_, v.text_, p.business_key_ "
					+ "from act_hi_procinst p "
					+ "join act_hi_actinst a on a.proc_inst_id_ = p.id_ and a.act_id_ = 'Task_EnforceMfa' "
					+ "left join act_hi_varinst v on v.proc_inst_id_ = p.id_ and v.name_ = '"
					+ CaseVariables.RESTRICTED_SINCE + "' "
					+ "where p.id_ = any (?) and a.end_time_ is not null order by a.end_time_",
					(row, n) -> new Object[] { row.getString(4).substring(row.getString(4).indexOf(':') + 1),
							(row.getString(3) != null) ? Instant.parse(row.getString(3)) : null,
							row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant() },
					(Object) ids.toArray(new String[0]));
			return new Containment(rows.stream().map((r) -> (String) r[0]).toList(),
					rows.stream().map((r) -> (Instant) r[1]).toList(), rows.stream().map((r) -> (Instant) r[2]).toList(),
					rows.stream().map((r) -> (Instant) r[3]).toList());
		}

		/**
		 * The calls that contained the run's cases: each case's successful containment calls (by its address or its
		 * user's id) up to the moment it was contained. Reads of the same kinds after it (the evidence's, the
		 * verification's) are not containment.
		 */
		long calls(SimulatedTenant tenant, List<SimulatorCall> log) {
			Map<String, Instant> until = new HashMap<>();
			for (int i = 0; i < this.mailboxes.size(); i++) {
				until.put(this.mailboxes.get(i).toLowerCase(Locale.ROOT), this.contained.get(i));
				until.put(tenant.userState(this.mailboxes.get(i)).id().toLowerCase(Locale.ROOT), this.contained.get(i));
			}
			return log.stream()
				.filter((c) -> c.status() < 300 && CALLS.contains(c.operation()) && c.target() != null)
				.filter((c) -> {
					Instant end = until.get(c.target().toLowerCase(Locale.ROOT));
					return end != null && !c.at().isAfter(end);
				})
				.count();
		}

		/** p50 / p95 / max from the restriction on Microsoft's list, the first sight of it. */
		String fromRestriction() {
			return percentiles(this.restricted);
		}

		String fromOpening() {
			return percentiles(this.opened);
		}

		private String percentiles(List<Instant> from) {
			List<Double> seconds = new ArrayList<>();
			for (int i = 0; i < this.contained.size(); i++) {
				if (from.get(i) != null) {
					seconds.add(Duration.between(from.get(i), this.contained.get(i)).toMillis() / 1000.0);
				}
			}
			Collections.sort(seconds);
			return seconds.isEmpty() ? "none contained" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f",
					at(seconds, 0.5), at(seconds, 0.95), seconds.get(seconds.size() - 1));
		}

		String againstTheLimit(double callsPerCase, double limit) {
			if (this.contained.isEmpty()) {
				return "none contained";
			}
			double all = Duration.between(start(), this.contained.get(this.contained.size() - 1)).toMillis() / 1000.0;
			double least = this.contained.size() * callsPerCase / limit;
			return String.format(Locale.ROOT, "%.1f; %.1f / %.1f = %.2f", callsPerCase, all, least, all / least);
		}

		/**
		 * The p95 case, the 95th of 100 to be contained, against the least time for its place in the queue: 95 cases'
		 * containment calls at the limit. The p95 of every case's own ratio would instead measure the first few,
		 * whose least time (a quarter of a second) is shorter than four steps can ever take.
		 */
		String p95AgainstItsPlace(double callsPerCase, double limit) {
			if (this.contained.isEmpty()) {
				return "none contained";
			}
			int place = Math.min(this.contained.size(), (int) Math.ceil(0.95 * this.contained.size()));
			double took = Duration.between(start(), this.contained.get(place - 1)).toMillis() / 1000.0;
			double least = place * callsPerCase / limit;
			return String.format(Locale.ROOT, "%.1f / %.1f = %.2f", took, least, took / least);
		}

		private Instant start() {
			return this.opened.stream().min(Comparator.naturalOrder()).orElseThrow();
		}

		private static double at(List<Double> sorted, double quantile) {
			return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
		}

	}

	private static boolean on(String scenario) {
		return SCENARIOS.contains(scenario);
	}

	static String row(String measure, Object value) {
		return "| " + measure + " | " + value + " |";
	}

	/** The resident memory of this JVM in kB (Linux). */
	static long rssKb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
		return -1;
	}

	/** Samples the resident memory while a scenario runs. */
	static final class PeakRss extends Thread {

		private final AtomicLong max = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		PeakRss() {
			setDaemon(true);
		}

		@Override
		public void run() {
			while (this.running.get()) {
				this.max.accumulateAndGet(rssKb(), Math::max);
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		void stopSampling() {
			this.running.set(false);
		}

		long max() {
			return this.max.get();
		}

	}

	/**
	 * What one scenario measured.
	 *
	 * @param ids the instances
	 * @param seconds from the first detection to the last end
	 * @param count instances that ended
	 * @param toReview detection to the review task, p50 / p95 / max
	 * @param whole detection to the end, p50 / p95 / max
	 * @param lost instances that did not end
	 * @param incidents incidents open at the end
	 */
	record Result(List<String> ids, double seconds, int count, String toReview, String whole, int lost,
			long incidents) {

		double perSecond() {
			return this.count / this.seconds;
		}

		static Result of(HistoryService history, String processKey, List<String> ids, Instant started,
				long incidents) {
			List<Double> wholes = new ArrayList<>();
			List<Double> reviews = new ArrayList<>();
			Instant last = started;
			int lost = 0;
			for (String id : ids) {
				HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
					.processInstanceId(id)
					.singleResult();
				if (instance.getEndTime() == null) {
					lost++;
					continue;
				}
				Instant end = instance.getEndTime().toInstant();
				last = end.isAfter(last) ? end : last;
				wholes.add(seconds(instance.getStartTime().toInstant(), end));
				List<HistoricTaskInstance> review = history.createHistoricTaskInstanceQuery()
					.processInstanceId(id)
					.orderByHistoricActivityInstanceStartTime()
					.asc()
					.listPage(0, 1);
				if (!review.isEmpty()) {
					reviews.add(seconds(instance.getStartTime().toInstant(), review.get(0).getStartTime().toInstant()));
				}
			}
			return new Result(List.copyOf(ids), seconds(started, last), wholes.size(), percentiles(reviews),
					percentiles(wholes), lost, incidents);
		}

		private static double seconds(Instant from, Instant to) {
			return Duration.between(from, to).toMillis() / 1000.0;
		}

		private static String percentiles(List<Double> values) {
			if (values.isEmpty()) {
				return "n/a";
			}
			List<Double> sorted = values.stream().sorted().toList();
			return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", sorted.get((int) (sorted.size() * 0.5)),
					sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)),
					sorted.get(sorted.size() - 1));
		}

	}

	/** The same small wave at each history size, and the case list's first filtered page over that history. */
	static final class Growth {

		private final HistorySeeder seeder;

		private final CaseList caseList;

		private final List<Double> secondsPerCase = new ArrayList<>();

		Growth(HistorySeeder seeder, CaseList caseList) {
			this.seeder = seeder;
			this.caseList = caseList;
		}

		void measure(ConfigurableApplicationContext node, SimulatedTenant tenant, String prefix, List<String> report)
				throws Exception {
			long closed = this.seeder.closedCases();
			Result result = runMailboxes(node, tenant, prefix, GROWTH_CASES);
			double perCase = result.seconds() / GROWTH_CASES;
			this.secondsPerCase.add(perCase);
			report.add(row(String.format(Locale.ROOT, "growth: %,d closed cases: time per case (s), whole case p50 "
					+ "/ p95 / max (s)", closed), String.format(Locale.ROOT, "%.3f; %s", perCase, result.whole())));
			report.add(row(String.format(Locale.ROOT, "growth: %,d closed cases: case list first page (ms, median "
					+ "of 10) closed mailboxes / released and verified / entity search", closed),
					this.caseList.browse()));
		}

		double ratio() {
			return this.secondsPerCase.get(this.secondsPerCase.size() - 1) / this.secondsPerCase.get(0);
		}

	}

	/** The auditors' case list over HTTP, as the audit page calls it. */
	static final class CaseList {

		private final HttpClient http = HttpClient.newHttpClient();

		private final String base;

		CaseList(String port) {
			this.base = "http://localhost:" + port + "/api/cases?size=20&";
		}

		/** Closed mailboxes / released and verified / an entity search: each first page's median time (ms). */
		String browse() throws Exception {
			return firstPage("state=closed&type=mailbox") + " / " + firstPage("state=closed&outcome=releasedAndVerified")
					+ " / " + firstPage("entity=user7");
		}

		/** The median time of ten requests for the first page, in milliseconds, after two unmeasured ones. */
		long firstPage(String filter) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + filter))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8)))
				.build();
			List<Long> millis = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				long start = System.nanoTime();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("GET /api/cases?" + filter + ": " + response.statusCode());
				}
				if (i >= 2) {
					millis.add((System.nanoTime() - start) / 1_000_000);
				}
			}
			Collections.sort(millis);
			return millis.get(millis.size() / 2);
		}

	}

	/** The no-op delegate of the ceiling model. */
	@Configuration(proxyBeanMethods = false)
	static class NoOpSteps {

		@Bean
		JavaDelegate benchmarkNoop() {
			return (execution) -> {
			};
		}

		@Bean
		CaseDataReplay.Delegate benchmarkReplay() {
			return new CaseDataReplay.Delegate();
		}

	}

}
