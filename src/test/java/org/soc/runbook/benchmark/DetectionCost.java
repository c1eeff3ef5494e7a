package org.soc.runbook.benchmark;

import org.soc.runbook.tenant.TestTenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What polling Microsoft's blocked list costs when it is long: {@code entries} senders listed, each with its case
 * already open (the steady state of a big wave, which every poll reads again until the cases end). The poll runs as
 * in production, from the detection process's timer; each run's tenant calls, database statements and time, and the
 * node's CPU are measured, and then priced for a poll every 1, 2 and 5 minutes.
 * <p>
 * The open cases are claims in {@code runbook_open_case} held by one case that waits for its review: the poll's work
 * for a listed entity is the same whichever running case holds it, and 10,000 real cases would take the benchmark
 * minutes to open.
 */
final class DetectionCost {

	/** The poll intervals priced. */
	private static final List<Duration> INTERVALS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
			Duration.ofMinutes(5));

	private static final int POLLS = 3;

	/**
	 * What a poll asks Microsoft: both blocked lists (every page), the alerts, and the inbound connectors when an
	 * alert is about one. The holding case's own calls in the meantime are not the poll's.
	 */
	private static final Set<String> POLL_CALLS = Set.of("Get-BlockedSenderAddress", "Get-BlockedConnector",
			"listAlerts", "Get-InboundConnector");

	/** The simulator's page size in the other scenarios (its default). */
	private static final int SIMULATOR_PAGE_SIZE = 100;

	private DetectionCost() {
	}

	/** Lists {@code entries} senders with open cases, polls {@code POLLS} times, adds the figures to the report. */
	static void measure(ConfigurableApplicationContext node, SimulatedTenant tenant, int entries, List<String> report)
			throws InterruptedException {
		JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
		jdbc.execute("create extension if not exists pg_stat_statements");
		String holder = holderCase(node, tenant);
		// Exchange's page, which the client asks for (the simulator's own default is smaller, to exercise paging).
		tenant.pageSize(1000);
		List<String> addresses = new ArrayList<>();
		List<Object[]> claims = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		for (int i = 0; i < entries; i++) {
			String address = "listed.user" + i + "@contoso.onmicrosoft.com";
			tenant.restrictSender(address, "EmailSendingLimitExceeded;ExternalRecipientCountToday=3000;");
			addresses.add(address);
			claims.add(new Object[] { CaseStarter.mailboxKey(TestTenants.SINGLE, address), now, holder });
		}
		jdbc.batchUpdate("insert into runbook_open_case (entity_key, opened_at, process_instance_id) values (?, ?, ?)",
				claims);
		RuntimeService runtime = node.getBean(RuntimeService.class);
		Set<String> before = cases(runtime);
		try {
			List<Poll> polls = new ArrayList<>();
			for (int i = 0; i < POLLS; i++) {
				polls.add(poll(node, tenant, jdbc));
			}
			Poll last = polls.get(polls.size() - 1);
			report.add(row("detection: senders listed (cases open) / seen / cases started by the poll",
					entries + " / " + last.seen() + " / " + last.started()));
			report.add(row("detection: one poll, tenant calls / wall time (ms) by run",
					polls.stream().map((p) -> p.calls() + " / " + p.millis()).toList()));
			report.add(row("detection: one poll, database statements / execution ms / node CPU ms (last run)",
					String.format(Locale.ROOT, "%d / %.0f / %.0f", last.statements(), last.databaseMillis(),
							last.cpuMillis())));
			for (Duration interval : INTERVALS) {
				double perHour = Duration.ofHours(1).toMillis() / (double) interval.toMillis();
				report.add(row("detection: poll every " + interval.toMinutes() + " min, per hour: tenant calls / "
						+ "database statements / node CPU s (share of one core); restriction seen after, mean / most",
						String.format(Locale.ROOT, "%.0f / %.0f / %.1f (%.2f %%); %.0f s / %.0f s", perHour * last.calls(),
								perHour * last.statements(), perHour * last.cpuMillis() / 1000,
								100 * perHour * last.cpuMillis() / Duration.ofHours(1).toMillis(),
								interval.toSeconds() / 2.0 + last.millis() / 1000.0,
								interval.toSeconds() + last.millis() / 1000.0)));
			}
		}
		finally {
			jdbc.update("delete from runbook_open_case where process_instance_id = ? and entity_key <> ?", holder,
					CaseStarter.mailboxKey(TestTenants.SINGLE, holderAddress()));
			addresses.forEach(tenant::unblockByHand);
			// The first poll also opens cases for the demo tenant's own restrictions, which nobody would review: the
			// later scenarios' driver answers every task as it answers its own cases'.
			for (String opened : cases(runtime)) {
				if (!before.contains(opened)) {
					runtime.deleteProcessInstance(opened, "benchmark: opened by the detection study's poll");
				}
			}
			runtime.deleteProcessInstance(holder, "benchmark: the detection study is over");
			tenant.pageSize(SIMULATOR_PAGE_SIZE);
		}
	}

	private static Set<String> cases(RuntimeService runtime) {
		return runtime.createProcessInstanceQuery()
			.processDefinitionKeyIn(ProcessKeys.MAILBOX_RUNBOOK, ProcessKeys.CONNECTOR_RUNBOOK)
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.collect(Collectors.toSet());
	}

	/** One run of the production poll, from its timer to its end. */
	private static Poll poll(ConfigurableApplicationContext node, SimulatedTenant tenant, JdbcTemplate jdbc)
			throws InterruptedException {
		ManagementService management = node.getBean(ManagementService.class);
		HistoryService history = node.getBean(HistoryService.class);
		long endedBefore = history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.DETECTION)
			.finished()
			.count();
		int callsBefore = tenant.calls().size();
		jdbc.execute("select pg_stat_statements_reset()");
		CpuMeter.Reading cpuBefore = CpuMeter.now();
		Job timer = management.createJobQuery().processDefinitionKey(ProcessKeys.DETECTION).timers().singleResult();
		// The timer fires here and hands the poll to the job executor, as it does every cycle in production.
		management.executeJob(timer.getId());
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessKeys.DETECTION).finished()
			.count() == endedBefore && Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		CpuMeter.Reading cpuAfter = CpuMeter.now();
		double[] statements = jdbc.queryForObject(
				"select coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) from pg_stat_statements",
				(rs, n) -> new double[] { rs.getDouble(1), rs.getDouble(2) });
		HistoricProcessInstance run = history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.DETECTION)
			.finished()
			.orderByProcessInstanceEndTime()
			.desc()
			.listPage(0, 1)
			.get(0);
		long millis = history.createHistoricActivityInstanceQuery()
			.processInstanceId(run.getId())
			.activityId("Task_PollRestrictions")
			.singleResult()
			.getDurationInMillis();
		long calls = tenant.calls()
			.subList(callsBefore, tenant.calls().size())
			.stream()
			.filter((c) -> POLL_CALLS.contains(c.operation()))
			.count();
		return new Poll((int) calls, millis, (long) statements[0], statements[1],
				CpuMeter.nodeMillis(cpuBefore, cpuAfter), variable(history, run, "sendersSeen"),
				variable(history, run, "casesStarted"));
	}

	private static Object variable(HistoryService history, HistoricProcessInstance run, String name) {
		var value = history.createHistoricVariableInstanceQuery()
			.processInstanceId(run.getId())
			.variableName(name)
			.singleResult();
		return (value != null) ? value.getValue() : null;
	}

	/** A case that waits at its review, holding every listed sender's claim. */
	private static String holderCase(ConfigurableApplicationContext node, SimulatedTenant tenant)
			throws InterruptedException {
		tenant.addUser(holderAddress(), "Detection Holder");
		// The driver of later scenarios completes its helpdesk step with "resets it themselves", as for every case.
		tenant.addAuthenticationMethod(holderAddress(), "phoneAuthenticationMethod", "+1 425 555 0199");
		tenant.restrictSender(holderAddress(), "EmailSendingLimitExceeded;ExternalRecipientCountToday=3000;");
		String id = node.getBean(CaseStarter.class).openMailboxCase(TestTenants.SINGLE, holderAddress(), "benchmark", "benchmark").id();
		TaskService tasks = node.getBean(TaskService.class);
		Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
		while (tasks.createTaskQuery().processInstanceId(id).count() == 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		return id;
	}

	private static String holderAddress() {
		return "detection.holder@contoso.onmicrosoft.com";
	}

	private static String row(String measure, Object value) {
		return "| " + measure + " | " + value + " |";
	}

	private record Poll(int calls, long millis, long statements, double databaseMillis, double cpuMillis, Object seen,
			Object started) {
	}

}
