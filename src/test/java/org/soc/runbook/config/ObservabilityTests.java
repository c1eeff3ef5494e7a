package org.soc.runbook.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.simulator.SimulatedApi;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.tenant.TenantProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees while cases run: the Prometheus endpoint with the runbook's figures counted right, and the
 * log as JSON lines, each line of a case carrying its business key and process instance id, none carrying a
 * password, a token or the client secret. Its own JVM: JSON logging is set up once per JVM.
 */
@Tag("own-jvm")
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.structured.format.console=ecs")
@ActiveProfiles("test")
// Spring Boot's tests switch metrics export off unless asked; this test is about the export.
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	TenantProperties tenantProperties;

	@Test
	void prometheusCountsTheCasesAndTheLogTellsEachCaseWithoutASecret(CapturedOutput output) throws Exception {
		CaseHttp cases = new CaseHttp(this.http);
		String released = restricted("obs.released@contoso.onmicrosoft.com");
		String stuck = restricted("obs.stuck@contoso.onmicrosoft.com");
		this.tenant.neverRelease(stuck);
		String free = "obs.free@contoso.onmicrosoft.com";
		this.tenant.addUser(free, "Free User");
		// One throttled answer on the way: counted on its own, and the case still goes through.
		this.tenant.faults().throttleNext(1, Duration.ofMillis(200), SimulatedApi.EXCHANGE);

		String releasedCase = open(cases, released);
		String stuckCase = open(cases, stuck);
		String freeCase = open(cases, free);
		for (String caseId : List.of(releasedCase, stuckCase)) {
			assertThat(cases.submit("analyst", cases.awaitTask("analyst", caseId, "Task_ReviewRecommendations"),
					Map.of("reviewDecision", Map.of("value", "release"), "reviewComment", Map.of("value", "Checked."),
							"accountUnderControl", Map.of("value", true), "rulesDealtWith", Map.of("value", true),
							"forwardingDealtWith", Map.of("value", true), "signInsReviewed", Map.of("value", true),
							"rulesToDisable", Map.of("value", "[]", "type", "Json"), "clearForwarding",
							Map.of("value", false)))
				.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(cases.submit("secadmin", cases.awaitTask("secadmin", caseId, "Task_ApproveRelease"),
					Map.of("approvalDecision", Map.of("value", "approve"), "approvalComment", Map.of("value", "Ok.")))
				.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		}
		String escalation = await().atMost(Duration.ofSeconds(40))
			.until(() -> cases.taskByBusinessKey("lead", "mailbox:" + stuck, "Task_ResolveEscalation"),
					(id) -> id != null);
		cases.submit("lead", escalation, Map.of("escalationDecision", Map.of("value", "keepRestricted"),
				"escalationNote", Map.of("value", "Ticket 42.")));
		for (String caseId : List.of(releasedCase, stuckCase, freeCase)) {
			cases.awaitEnded(caseId);
		}

		assertThat(scrape(null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(scrape("analyst").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<String> scraped = await().atMost(Duration.ofSeconds(10))
			.until(() -> scrape("monitor"), (r) -> value(r.getBody(), "runbook_cases_closed_total",
					"outcome=\"keptRestrictedAfterEscalation\"") == 1);
		assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
		String metrics = scraped.getBody();
		assertThat(value(metrics, "runbook_cases_opened_total", "type=\"mailbox\"")).isEqualTo(3);
		assertThat(value(metrics, "runbook_cases_closed_total", "outcome=\"releasedAndVerified\"")).isEqualTo(1);
		assertThat(value(metrics, "runbook_cases_closed_total", "outcome=\"alreadyReleased\"")).isEqualTo(1);
		assertThat(value(metrics, "runbook_cases_open", "type=\"mailbox\"")).isZero();
		assertThat(value(metrics, "runbook_case_time_to_release_seconds_count", "type=\"mailbox\"")).isEqualTo(2);
		assertThat(value(metrics, "runbook_case_time_to_verified_seconds_count", "type=\"mailbox\"")).isEqualTo(1);
		assertThat(metrics).contains("runbook_case_time_to_verified_seconds_bucket{");
		// Time to contain: the two restricted mailboxes were contained, the free one had nothing to contain.
		assertThat(value(metrics, "runbook_case_time_to_contain_seconds_count",
				"from=\"opening\",tenant=\"default\",type=\"mailbox\"")).isEqualTo(2);
		assertThat(value(metrics, "runbook_case_time_to_contain_seconds_count",
				"from=\"restriction\",tenant=\"default\",type=\"mailbox\"")).isEqualTo(2);
		assertThat(value(metrics, "runbook_escalations_total", "reason=\"block-not-lifted\"")).isEqualTo(1);
		assertThat(value(metrics, "runbook_tenant_calls_seconds_count",
				"operation=\"Remove-BlockedSenderAddress\",result=\"success\"")).isEqualTo(2);
		assertThat(value(metrics, "runbook_tenant_calls_seconds_count",
				"operation=\"resetPassword\",result=\"success\"")).isEqualTo(2);
		// The evidence's Graph reads travel in one batch per case, and each read is counted under its own operation.
		assertThat(value(metrics, "runbook_tenant_calls_seconds_count", "operation=\"batch\",result=\"success\""))
			.isPositive()
			.isEqualTo(value(metrics, "runbook_tenant_calls_seconds_count",
					"operation=\"listInboxRules\",result=\"success\""));
		assertThat(sum(metrics, "runbook_tenant_throttled_total", "api=\"exchange\"")).isEqualTo(1);
		assertThat(sum(metrics, "runbook_tenant_calls_seconds_count", "result=\"throttled\"")).isEqualTo(1);
		// Timed once, by the runbook: Spring's observation of the tenant clients' exchanges is off (this test's own
		// calls to the application are observed, by their path).
		assertThat(metrics).doesNotContainPattern("http_client_requests_seconds_count\\{[^}]*uri=\"(none|/sim/)");
		assertThat(sum(metrics, "runbook_tenant_calls_seconds_count", "api=\"token\"")).isPositive();
		assertThat(value(metrics, "runbook_incidents_open", "")).isZero();
		assertThat(metrics).contains("runbook_jobs_due ", "executor_active_threads{name=\"camundaTaskExecutor\"");
		// Camunda's own job executor figures: at least the jobs of these three cases ran, none failed for good.
		assertThat(value(metrics, "camunda_job_executor_total", "event=\"job-successful\"")).isGreaterThan(15);
		assertThat(value(metrics, "camunda_job_executor_total", "event=\"job-acquisition-attempt\"")).isPositive();

		// The Grafana dashboard in the repository queries only metrics that exist.
		JsonNode dashboard = JSON.readTree(Path.of("src/main/grafana/restricted-entity-runbook.json").toFile());
		Set<String> queried = new TreeSet<>();
		dashboard.path("panels").forEach((panel) -> panel.path("targets").forEach((target) -> queried.addAll(
				metricNames(target.path("expr").asText()))));
		assertThat(queried).contains("runbook_cases_opened_total", "runbook_tenant_throttled_total",
				"executor_active_threads", "runbook_case_time_to_contain_seconds_bucket");
		assertThat(queried).allSatisfy((name) -> assertThat(metrics).as(name).containsPattern("(?m)^" + name + "[{ ]"));

		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getOut().split("\n")) {
			if (line.startsWith("{")) {
				lines.add(JSON.readTree(line));
			}
		}
		List<JsonNode> steps = lines.stream()
			.filter((line) -> "org.soc.runbook.case".equals(logger(line)))
			.toList();
		assertThat(steps).filteredOn((line) -> line.path("message").asText().contains("Task_ResetPassword"))
			.hasSize(4);
		for (JsonNode step : steps) {
			assertThat(step.path("businessKey").asText()).as(step.toString()).startsWith("mailbox:");
			assertThat(step.path("processInstanceId").asText()).as(step.toString()).isNotBlank();
		}
		assertThat(steps).anySatisfy((step) -> {
			assertThat(step.path("businessKey").asText()).isEqualTo("mailbox:" + released);
			assertThat(step.path("processInstanceId").asText()).isEqualTo(releasedCase);
			assertThat(step.path("message").asText()).isEqualTo("restricted-user-remediation Task_UnblockSender ended");
		});

		String everything = output.getAll();
		assertThat(everything).doesNotContain(this.tenantProperties.clientSecret())
			.doesNotContain(this.tenant.receivedPassword(released).orElseThrow())
			.doesNotContain(this.tenant.receivedPassword(stuck).orElseThrow())
			.doesNotContainIgnoringCase("Bearer ey");
		assertThat(this.tenant.issuedTokens()).isNotEmpty().allSatisfy((token) -> assertThat(everything)
			.doesNotContain(token));
	}

	/**
	 * The metric names a PromQL expression reads: identifiers that are not functions, aggregation keywords, label
	 * names inside braces or grouping lists, or range selectors.
	 */
	static Set<String> metricNames(String expr) {
		String bare = expr.replaceAll("\\{[^}]*\\}", "")
			.replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "")
			.replaceAll("\\[[^]]*\\]", "");
		Set<String> names = new TreeSet<>();
		Matcher identifier = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?").matcher(bare);
		while (identifier.find()) {
			boolean keyword = Set.of("by", "without", "on", "ignoring", "le").contains(identifier.group(1));
			if (identifier.group(2) == null && !keyword) {
				names.add(identifier.group(1));
			}
		}
		return names;
	}

	/** ECS names the logger "log.logger", flat or nested depending on the version. */
	private static String logger(JsonNode line) {
		return line.has("log.logger") ? line.path("log.logger").asText() : line.path("log").path("logger").asText();
	}

	private String restricted(String mailbox) {
		this.tenant.addUser(mailbox, "Observed User");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=700;");
		return mailbox;
	}

	private static String open(CaseHttp cases, String mailbox) {
		ResponseEntity<String> opened = cases.post("analyst", "/api/cases", Map.of("type", "mailbox", "address",
				mailbox));
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return CaseHttp.json(opened.getBody()).path("id").asText();
	}

	private ResponseEntity<String> scrape(String user) {
		TestRestTemplate client = (user != null) ? this.http.withBasicAuth(user, user) : this.http;
		return client.getForEntity("/actuator/prometheus", String.class);
	}

	/** The value of the one sample of the metric whose labels contain the given text (-1 when there is none). */
	private static double value(String metrics, String name, String labels) {
		List<Double> values = samples(metrics, name, labels);
		assertThat(values).as(name + "{" + labels + "}").hasSizeLessThanOrEqualTo(1);
		return values.isEmpty() ? -1 : values.get(0);
	}

	/** The sum of every sample of the metric whose labels contain the given text. */
	private static double sum(String metrics, String name, String labels) {
		return samples(metrics, name, labels).stream().mapToDouble(Double::doubleValue).sum();
	}

	private static List<Double> samples(String metrics, String name, String labels) {
		List<Double> values = new ArrayList<>();
		Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
		while (sample.find()) {
			String found = (sample.group(1) != null) ? sample.group(1) : "";
			if (found.contains(labels)) {
				values.add(Double.parseDouble(sample.group(2)));
			}
		}
		return values;
	}

}
