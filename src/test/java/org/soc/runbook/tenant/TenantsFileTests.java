package org.soc.runbook.tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookApplication;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatedTenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer added to, changed in and removed from the tenants file while the deployment runs, as a provider takes
 * on and lets go of customers: no restart, each step seen by the people who serve the customer (their Camunda tenant,
 * their Tasklist queue, the case API), by the poll and by the simulated Microsoft. A removed customer with a case
 * still open retires until it closes; a file that cannot be applied changes nothing.
 */
@SpringBootTest(classes = RunbookApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Tag("own-jvm")
@ExtendWith(OutputCaptureExtension.class)
class TenantsFileTests {

	private static final Path FILE = tenantsFile();

	private static final String CONTOSO = """
			tenants:
			  contoso:
			    name: Contoso
			    tenant-id: contoso.onmicrosoft.com
			    users: [analyst, secadmin, helpdesk]
			""";

	private static final String FABRIKAM = """
			  fabrikam:
			    name: Fabrikam
			    tenant-id: fabrikam.onmicrosoft.com
			    mfa-strategy: per-user
			    dry-run: %s
			    users: [analyst2, secadmin]
			""";

	@DynamicPropertySource
	static void file(DynamicPropertyRegistry registry) {
		write(CONTOSO);
		registry.add("runbook.tenants-file.path", FILE::toString);
		// The test looks at the file itself, when it has changed it.
		registry.add("runbook.tenants-file.check", () -> "1h");
	}

	@Autowired
	TestRestTemplate http;

	@Autowired
	TenantsFileWatcher watcher;

	@Autowired
	RunbookTenants tenants;

	@Autowired
	SimulatedTenants simulated;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Test
	void aCustomerIsAddedChangedAndRemovedWithoutARestart(CapturedOutput output) {
		CaseHttp cases = new CaseHttp(this.http);
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso");
		assertThat(this.tenants.single()).as("a tenants file makes a deployment of many").isFalse();

		// Taken on: Fabrikam's entry is added to the file.
		write(CONTOSO + FABRIKAM.formatted(false));
		TenantsChange added = this.watcher.apply().orElseThrow();
		assertThat(added.added()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(output.getOut()).contains("applied: added fabrikam");
		assertThat(this.identity.createTenantQuery().tenantId("fabrikam").userMember("analyst2").count())
			.as("its people are members of its Camunda tenant").isEqualTo(1);
		assertThat(cases.get("analyst2", "/api/tenants").findValuesAsText("key")).containsExactly("fabrikam");
		assertThat(cases.get("analyst2", "/engine-rest/filter?resourceType=Task").findValuesAsText("name"))
			.as("its Tasklist queue").contains("Fabrikam");
		assertThat(cases.get("analyst", "/engine-rest/filter?resourceType=Task").findValuesAsText("name"))
			.doesNotContain("Fabrikam");
		SimulatedTenant fabrikam = this.simulated.byTenantId("fabrikam.onmicrosoft.com");
		assertThat(fabrikam).as("Microsoft has the tenant, as it would").isNotNull();

		// Its first case runs in its own tenant, by its own people.
		String live = "live.case@fabrikam.onmicrosoft.com";
		fabrikam.addUser(live, "Live Case");
		fabrikam.restrictSender(live, "OutboundSpamPercent=90;");
		String liveCase = opened(cases, "analyst2", "fabrikam", live);
		cases.awaitTask("analyst2", liveCase, "Task_ReviewRecommendations");
		assertThat(this.history.createHistoricProcessInstanceQuery().processInstanceId(liveCase).singleResult()
			.getTenantId()).isEqualTo("fabrikam");
		assertThat(fabrikam.userState(live).passwordResets()).isEqualTo(1);
		assertThat(fabrikam.calls("setPerUserMfaState")).as("its own MFA strategy").isNotEmpty();

		// Changed: Fabrikam goes into dry run. Its next case changes nothing in its tenant.
		write(CONTOSO + FABRIKAM.formatted(true));
		assertThat(this.watcher.apply().orElseThrow().changed()).extracting(RunbookTenant::key)
			.containsExactly("fabrikam");
		String rehearsal = "dry.case@fabrikam.onmicrosoft.com";
		fabrikam.addUser(rehearsal, "Dry Case");
		fabrikam.restrictSender(rehearsal, "OutboundSpamPercent=90;");
		String dryCase = opened(cases, "analyst2", "fabrikam", rehearsal);
		cases.awaitTask("analyst2", dryCase, "Task_ReviewRecommendations");
		assertThat(fabrikam.userState(rehearsal).passwordResets()).as("a dry run").isZero();

		// A file that cannot be applied changes nothing, and says why once.
		write(CONTOSO + FABRIKAM.formatted(true) + "    poll-intervall: 5m\n");
		assertThat(this.watcher.apply()).isEmpty();
		assertThat(output.getOut()).contains("not applied; the tenants served are unchanged (contoso fabrikam)")
			.contains("poll-intervall");
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam");

		// Let go while two cases are open: Fabrikam retires. No new case, not polled; its open cases go on.
		write(CONTOSO);
		TenantsChange removed = this.watcher.apply().orElseThrow();
		assertThat(removed.retiring()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso");
		ResponseEntity<String> refused = cases.post("analyst2", "/api/cases",
				Map.of("tenant", "fabrikam", "type", "mailbox", "address", "late@fabrikam.onmicrosoft.com"));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(cases.get("analyst2", "/api/cases/" + liveCase).path("id").asText())
			.as("its people still read its open cases").isEqualTo(liveCase);

		// Once its last case has closed, it goes at the next look; its queue with it, its history stays readable.
		this.runtime.deleteProcessInstance(liveCase, "customer let go");
		this.runtime.deleteProcessInstance(dryCase, "customer let go");
		TenantsChange gone = this.watcher.apply().orElseThrow();
		assertThat(gone.removed()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.byKey("fabrikam")).isEmpty();
		assertThat(cases.get("lead", "/engine-rest/filter?resourceType=Task").findValuesAsText("name"))
			.doesNotContain("Fabrikam");
		assertThat(this.http.withBasicAuth("auditor", "auditor")
			.getForEntity("/api/cases/" + liveCase + "/audit", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private static String opened(CaseHttp cases, String user, String tenant, String address) {
		ResponseEntity<String> response = cases.post(user, "/api/cases",
				Map.of("tenant", tenant, "type", "mailbox", "address", address));
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
		JsonNode body = CaseHttp.json(response.getBody());
		return body.path("id").asText();
	}

	private static Path tenantsFile() {
		try {
			Path dir = Files.createTempDirectory("tenants-file");
			dir.toFile().deleteOnExit();
			return dir.resolve("tenants.yml");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(String yaml) {
		try {
			Files.writeString(FILE, yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
