package org.soc.runbook.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A restriction pushed to the intake ({@code POST /api/restrictions}), as a SIEM or an alert forwarder sends it, one
 * case at a time with every tenant answer {@code latency} away: how long from the request to the last containment
 * call Microsoft accepted. The next restriction is sent once the case waits for its review, so that no case shares
 * the node with another.
 */
final class IntakeLatency {

	/** The test profile's intake secret. */
	private static final String SECRET = "test-intake-secret";

	private IntakeLatency() {
	}

	/**
	 * Runs {@code cases} restrictions through the intake and adds the figures to the report.
	 *
	 * @return the cases, for the caller to drive to their end
	 */
	static List<String> measure(ConfigurableApplicationContext node, SimulatedTenant tenant, Duration latency,
			int cases, List<String> report) throws Exception {
		JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
		TaskService tasks = node.getBean(TaskService.class);
		ObjectMapper json = new ObjectMapper();
		HttpClient http = HttpClient.newHttpClient();
		URI intake = URI.create("http://localhost:" + node.getEnvironment().getProperty("local.server.port")
				+ "/api/restrictions");
		List<String> ids = new ArrayList<>();
		List<Double> contained = new ArrayList<>();
		List<Double> answered = new ArrayList<>();
		tenant.faults().latency(latency);
		try {
			for (int i = 0; i < cases; i++) {
				String mailbox = "intake.user" + i + "@contoso.onmicrosoft.com";
				tenant.addUser(mailbox, "Intake User " + i);
				tenant.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0199");
				tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=3000;");
				String body = json.writeValueAsString(Map.of("type", "mailbox", "address", mailbox, "source",
						"benchmark", "alertId", "bench-alert-" + i));
				Instant sent = Instant.now();
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(intake)
					.header("Authorization", "Bearer " + SECRET)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
				answered.add(Duration.between(sent, Instant.now()).toNanos() / 1e9);
				if (response.statusCode() != 201) {
					throw new IllegalStateException("the intake answered " + response.statusCode() + ": "
							+ response.body());
				}
				String id = json.readTree(response.body()).path("id").asText();
				ids.add(id);
				Instant end = containedAt(jdbc, id);
				contained.add(Duration.between(sent, end).toNanos() / 1e9);
				Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
				while (tasks.createTaskQuery().processInstanceId(id).count() == 0 && Instant.now().isBefore(deadline)) {
					Thread.sleep(10);
				}
			}
		}
		finally {
			tenant.faults().clear();
		}
		report.add(row("intake, one case at a time, tenant " + latency.toMillis() + " ms away: cases",
				cases));
		report.add(row("intake: request answered p50 / p95 (s)", percentiles(answered, false)));
		report.add(row("intake: request to contained p50 / p95 / max (s) (goal p95 under 2 s)",
				percentiles(contained, true)));
		return ids;
	}

	/** When the case's last containment step ended; waits for it. */
	private static Instant containedAt(JdbcTemplate jdbc, String id) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
		while (Instant.now().isBefore(deadline)) {
			List<Timestamp> ends = jdbc.queryForList("select end_time_ from act_hi_actinst where proc_inst_id_ = ? "
					+ "and act_id_ = 'Task_EnforceMfa' and end_time_ is not null", Timestamp.class, id);
			if (!ends.isEmpty()) {
				return ends.get(0).toInstant();
			}
			Thread.sleep(5);
		}
		throw new IllegalStateException("case " + id + " was not contained within a minute");
	}

	private static String percentiles(List<Double> values, boolean max) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		String text = String.format(Locale.ROOT, "%.2f / %.2f", at(sorted, 0.5), at(sorted, 0.95));
		return max ? text + String.format(Locale.ROOT, " / %.2f", sorted.get(sorted.size() - 1)) : text;
	}

	private static double at(List<Double> sorted, double quantile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
	}

	private static String row(String measure, Object value) {
		return "| " + measure + " | " + value + " |";
	}

}
