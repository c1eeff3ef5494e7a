package org.soc.runbook.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenants;
import org.soc.runbook.simulator.SimulatorCall;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A wave spread over many customers' tenants, each throttled on its own as Microsoft throttles each tenant: one node
 * serving {@code benchmark.tenants} tenants (10), each allowing {@code benchmark.tenantRateLimit} calls a second (5,
 * token bucket, 429 with Retry-After past it), {@code benchmark.tenantCases} restricted mailboxes each (40), all
 * opened at once. Per tenant: the share of its own limit its calls used until its last case was contained (goal at
 * least 90 %), and when that was against the least its limit allows; no tenant may wait on another's budget.
 */
final class TenantsWave {

	private static final int TENANTS = Integer.getInteger("benchmark.tenants", 10);

	/**
	 * Forty a tenant: with twenty, a tenant's wave is contained in about 23 s, and a second lost at its start or its
	 * end moves its share by four points.
	 */
	private static final int CASES_PER_TENANT = Integer.getInteger("benchmark.tenantCases", 40);

	private static final double LIMIT = Double.parseDouble(System.getProperty("benchmark.tenantRateLimit", "5"));

	private TenantsWave() {
	}

	static void measure(EmbeddedPostgres postgres, List<String> report) throws Exception {
		new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database tenants");
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "tenants"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--runbook.remediation.verify-interval=1s", "--runbook.remediation.mailbox-verify-timeout=10m",
				"--logging.level.root=WARN"));
		// While tuning: settings of the tenants' node, e.g. -Dbenchmark.tenantNodeArgs="--a=1 --b=2".
		String tuning = System.getProperty("benchmark.tenantNodeArgs", "").trim();
		if (!tuning.isEmpty()) {
			args.addAll(List.of(tuning.split("\\s+")));
		}
		for (int i = 1; i <= TENANTS; i++) {
			String key = String.format(Locale.ROOT, "t%02d", i);
			args.add("--runbook.tenants." + key + ".tenant-id=" + key + ".onmicrosoft.com");
			args.add("--runbook.tenants." + key + ".name=Customer " + i);
		}
		SpringApplication application = new SpringApplication(RunbookApplication.class, WaveBenchmark.NoOpSteps.class);
		application.setAdditionalProfiles("test");
		try (ConfigurableApplicationContext node = application.run(args.toArray(String[]::new))) {
			RunbookTenants served = node.getBean(RunbookTenants.class);
			SimulatedTenants simulated = node.getBean(SimulatedTenants.class);
			CaseStarter starter = node.getBean(CaseStarter.class);
			JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
			Map<RunbookTenant, List<String>> mailboxes = new LinkedHashMap<>();
			for (RunbookTenant tenant : served.all()) {
				SimulatedTenant sim = simulated.byTenantId(tenant.connection().tenantId());
				sim.faults().rateLimit(LIMIT, (int) Math.max(1, LIMIT));
				List<String> own = new ArrayList<>();
				for (int i = 0; i < CASES_PER_TENANT; i++) {
					String mailbox = "wave.user" + i + "@" + tenant.connection().tenantId();
					sim.addUser(mailbox, "Bench User " + i);
					sim.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0199");
					sim.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=3000;");
					own.add(mailbox);
				}
				sim.clearCalls();
				mailboxes.put(tenant, own);
			}
			// Every customer's restrictions arrive at once, interleaved, as a wave spread over many tenants does.
			Instant started = Instant.now();
			Map<RunbookTenant, List<String>> ids = new LinkedHashMap<>();
			mailboxes.keySet().forEach((tenant) -> ids.put(tenant, Collections.synchronizedList(new ArrayList<>())));
			ExecutorService detections = Executors.newFixedThreadPool(4);
			for (int i = 0; i < CASES_PER_TENANT; i++) {
				for (Map.Entry<RunbookTenant, List<String>> tenant : mailboxes.entrySet()) {
					String mailbox = tenant.getValue().get(i);
					detections.submit(() -> ids.get(tenant.getKey())
						.add(starter.openMailboxCase(tenant.getKey(), mailbox, "benchmark", "benchmark").id()));
				}
			}
			detections.shutdown();
			detections.awaitTermination(5, TimeUnit.MINUTES);
			List<String> all = ids.values().stream().flatMap(List::stream).toList();
			WaveBenchmark.Result result = WaveBenchmark.await(node, ProcessKeys.MAILBOX_RUNBOOK, all, started,
					(task) -> Map.of());
			if (result.lost() > 0) {
				// What the unfinished cases wait for: their jobs by step, due time, retries and failure.
				jdbc.query("select act_id_, count(*), min(duedate_), max(duedate_), min(retries_), max(exception_msg_) "
						+ "from act_ru_job j left join act_ru_execution e on e.id_ = j.execution_id_ "
						+ "group by act_id_", (rs) -> {
							report.add(WaveBenchmark.row("tenants: jobs left at " + rs.getString(1),
									rs.getLong(2) + " due " + rs.getTimestamp(3) + " to " + rs.getTimestamp(4)
											+ ", retries from " + rs.getInt(5) + ", " + rs.getString(6)));
						});
				jdbc.query("select task_def_key_, count(*) from act_ru_task group by task_def_key_",
						(rs) -> {
							report.add(WaveBenchmark.row("tenants: tasks left at " + rs.getString(1), rs.getLong(2)));
						});
			}
			report.add(WaveBenchmark.row("tenants: tenants x cases / limit per tenant (calls/s)",
					TENANTS + " x " + CASES_PER_TENANT + " / " + LIMIT));
			report.add(WaveBenchmark.row("tenants: cases per second, all tenants; lost / incidents",
					String.format(Locale.ROOT, "%.2f; %d / %d", result.perSecond(), result.lost(), result.incidents())));
			double lowestShare = Double.MAX_VALUE;
			double worstRatio = 0;
			List<String> shares = new ArrayList<>();
			List<String> wholeShares = new ArrayList<>();
			List<String> ratios = new ArrayList<>();
			for (RunbookTenant tenant : served.all()) {
				SimulatedTenant sim = simulated.byTenantId(tenant.connection().tenantId());
				// Every call the limit let through counts against it, whatever the answer: a 404 from Identity
				// Protection (a user it has no record of) used the budget as a 200 does. Only the 429s did not.
				List<SimulatorCall> calls = sim.calls()
					.stream()
					.filter((c) -> c.api() != SimulatedApi.TOKEN && c.status() != 429)
					.toList();
				WaveBenchmark.Containment containment = WaveBenchmark.Containment.of(jdbc, ids.get(tenant));
				double callsPerCase = containment.calls(sim, sim.calls()) / (double) CASES_PER_TENANT;
				// The tenant's own budget while its work was waiting for it: from its first call until its last
				// case was contained. All its cases were opened at once, so until then containment calls were
				// always waiting, and evidence reads behind them.
				Instant first = calls.get(0).at();
				Instant lastContained = containment.contained().stream().max(Instant::compareTo).orElseThrow();
				long used = calls.stream().filter((c) -> !c.at().isAfter(lastContained)).count();
				double waiting = Duration.between(first, lastContained).toMillis() / 1000.0;
				double share = (used - 1) / waiting / LIMIT;
				lowestShare = Math.min(lowestShare, share);
				shares.add(tenant.key() + " " + String.format(Locale.ROOT, "%.0f %%", share * 100));
				double busy = Duration.between(first, calls.get(calls.size() - 1).at()).toMillis() / 1000.0;
				wholeShares.add(tenant.key() + " " + String.format(Locale.ROOT, "%.0f %%",
						(calls.size() - 1) / busy / LIMIT * 100));
				String against = containment.againstTheLimit(callsPerCase, LIMIT);
				double ratio = Double.parseDouble(against.substring(against.lastIndexOf('=') + 1).trim());
				worstRatio = Math.max(worstRatio, ratio);
				ratios.add(tenant.key() + " " + String.format(Locale.ROOT, "%.2f", ratio));
			}
			report.add(WaveBenchmark.row("tenants: each tenant's calls/s until its last case was contained, share of "
					+ "its own limit (goal at least 90 % each)", String.join(", ", shares)));
			report.add(WaveBenchmark.row("tenants: the same from its first call to its last (reviews, releases and "
					+ "verification, fewer calls than the limit allows, included)", String.join(", ", wholeShares)));
			report.add(WaveBenchmark.row("tenants: lowest share", String.format(Locale.ROOT, "%.0f %%", lowestShare * 100)));
			report.add(WaveBenchmark.row("tenants: each tenant's cases all contained after / least its limit allows",
					String.join(", ", ratios)));
			report.add(WaveBenchmark.row("tenants: worst tenant's ratio (no tenant starved)",
					String.format(Locale.ROOT, "%.2f", worstRatio)));
		}
	}

}
