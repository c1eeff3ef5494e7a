package org.soc.runbook.preflight;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseHttp;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.preflight.Finding.Status;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preflight against the simulated tenant over real HTTP: a tenant set up as the runbook needs is ready; a
 * missing permission, an alert policy turned off and auditing off are each reported with how to fix them, and
 * the report is not ready; the report is for administrators only, and nothing in the tenant changes.
 */
@RunbookIntegrationTest
class PreflightCheckTests {

	@Autowired
	PreflightCheck check;

	@Autowired
	SimulatedTenant tenant;

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void aTenantSetUpAsTheRunbookNeedsIsReady() {
		PreflightReport report = this.check.run().get(0);

		assertThat(report.ready()).as(report.text()).isTrue();
		assertThat(report.findings()).filteredOn((f) -> f.status() == Status.OK)
			.extracting(Finding::check)
			.contains("Token for Microsoft Graph", "Token for Exchange Online", "Graph permissions the runbook needs",
					"Exchange.ManageAsApp permission", "Exchange Online role and unified audit log",
					"Alert policy 'User restricted from sending email'", "Alert policy 'Suspicious connector activity'",
					"MFA group");
		assertThat(report.findings()).filteredOn((f) -> f.check().startsWith("Alert policy"))
			.allSatisfy((f) -> assertThat(f.detail()).isEqualTo("on; notifies TenantAdmins"));
	}

	@Test
	void eachMissingThingIsNamedWithItsFixAndTheReportIsNotReady() {
		this.tenant.revokeAppRole("User.ReadWrite.All");
		this.tenant.disableAlertPolicy("Suspicious connector activity");
		this.tenant.unifiedAuditLog(false);
		this.tenant.clearCalls();

		PreflightReport report = this.check.run().get(0);

		assertThat(report.ready()).isFalse();
		assertThat(report.findings()).filteredOn((f) -> f.status() == Status.MISSING)
			.satisfiesExactlyInAnyOrder((permissions) -> {
				assertThat(permissions.check()).isEqualTo("Graph permissions the runbook needs");
				assertThat(permissions.detail()).isEqualTo("missing User.ReadWrite.All");
				assertThat(permissions.fix()).contains("az ad app permission add", "admin-consent");
			}, (audit) -> assertThat(audit.fix()).contains("Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled"),
					(policy) -> {
						assertThat(policy.check()).isEqualTo("Alert policy 'Suspicious connector activity'");
						assertThat(policy.detail()).isEqualTo("turned off");
					});
		assertThat(report.text()).contains("MISSING", "fix: ", "3 needed thing(s) missing: not ready");
		// Only reads: no write of any kind reached the tenant.
		assertThat(this.tenant.calls()).extracting((call) -> call.operation())
			.doesNotContain("resetPassword", "revokeSignInSessions", "addGroupMember", "Remove-BlockedSenderAddress",
					"Remove-BlockedConnector", "Disable-InboxRule", "Set-Mailbox");
	}

	@Test
	void theReportIsForAdministratorsOnly() {
		CaseHttp http = new CaseHttp(this.http);
		JsonNode report = http.get("admin", "/api/preflight");
		assertThat(report.path("ready").asBoolean()).isTrue();
		assertThat(report.path("findings")).isNotEmpty();
		for (String user : List.of("analyst", "lead", "auditor")) {
			assertThat(this.http.withBasicAuth(user, user).getForEntity("/api/preflight", String.class)
				.getStatusCode()
				.value()).as(user).isEqualTo(403);
		}
	}

}
