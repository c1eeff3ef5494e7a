package org.soc.runbook.audit;

import org.soc.runbook.tenant.TestTenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.soc.runbook.Decisions;
import org.soc.runbook.EmbeddedPostgresConfiguration;
import org.soc.runbook.EngineClockTests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention as auditors rely on it, on PostgreSQL (production's database; the cleanup's date arithmetic is SQL of
 * each database's own): a closed case's whole history, its called verification included, stays for the configured
 * time after the case closed and then goes in one cleanup run; a retention extended later also keeps the cases that
 * had already closed.
 */
@Tag("own-jvm")
@Import(EmbeddedPostgresConfiguration.class)
// Close the context before the JVM exits (PostgresIntegrationTests says why).
@DirtiesContext
class HistoryCleanupTests extends EngineClockTests {

	/** Every history table a case writes to, and the byte arrays its JSON values and error stacks are kept in. */
	private static final List<String> CASE_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_VARINST",
			"ACT_HI_DETAIL", "ACT_HI_TASKINST", "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_HI_OP_LOG",
			"ACT_GE_BYTEARRAY");

	private static final AtomicInteger USERS = new AtomicInteger();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RetentionProperties retention;

	/** The case history's time to live as a restart would have applied it. */
	private Duration caseHistory;

	@BeforeEach
	void configuredRetention() {
		this.caseHistory = this.retention.caseHistory();
	}

	@Test
	void aClosedCaseIsKeptForTheRetentionThenRemovedWholeItsVerificationIncluded() {
		HistoricProcessInstance closed = closedCase();
		// A refused attempt on the case, as the case integrity guard records one: part of its story.
		this.jdbc.update("INSERT INTO runbook_refusal (id, refused_at, user_id, case_id, case_key, action, reason) "
				+ "VALUES (?, ?, 'analyst', ?, ?, 'complete the task', 'no such field')", UUID.randomUUID().toString(),
				new Timestamp(closed.getEndTime().getTime()), closed.getId(), closed.getBusinessKey());
		Map<String, Long> rows = historyRows(closed);
		assertThat(rows).allSatisfy((table, count) -> assertThat(count).as(table).isPositive());
		assertThat(rows.get("ACT_HI_PROCINST")).as("the case and its called verification").isEqualTo(2);

		cleanUpAt(closed, this.caseHistory.minusDays(1));
		assertThat(historyRows(closed)).isEqualTo(rows);

		cleanUpAt(closed, this.caseHistory.plusDays(1));
		assertThat(historyRows(closed)).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
	}

	@Test
	void aLongerRetentionAlsoKeepsTheCasesThatClosedBefore() {
		HistoricProcessInstance closed = closedCase();
		Map<String, Long> rows = historyRows(closed);
		try {
			// What a restart with runbook.retention.case-history=730d does, then the night after the old retention.
			retainCasesFor(Duration.ofDays(730));
			cleanUpAt(closed, this.retention.caseHistory().plusDays(1));
			assertThat(historyRows(closed)).isEqualTo(rows);
		}
		finally {
			retainCasesFor(this.retention.caseHistory());
		}
	}

	@Test
	void aHistoryDeletedByHandKeepsWhoDeletedItAndWhoActedForTheRetention() {
		HistoricProcessInstance closed = closedCase();
		long actions = historyRows(closed).get("ACT_HI_OP_LOG");
		this.identityService.setAuthentication("admin", List.of("camunda-admin"));
		try {
			this.historyService.deleteHistoricProcessInstance(closed.getId());
		}
		finally {
			this.identityService.clearAuthentication();
		}
		String deletedBy = "SELECT count(*) FROM ACT_HI_OP_LOG WHERE OPERATION_TYPE_ = '"
				+ UserOperationLogEntry.OPERATION_TYPE_DELETE_HISTORY + "' AND USER_ID_ = 'admin'";
		long deletions = this.jdbc.queryForObject(deletedBy, Long.class);
		assertThat(deletions).isPositive();

		cleanUpAt(closed, this.caseHistory.minusDays(1));
		assertThat(historyRows(closed).get("ACT_HI_OP_LOG")).as("who reviewed and approved").isEqualTo(actions);
		cleanUpAt(closed, this.caseHistory.plusDays(1));
		assertThat(historyRows(closed).get("ACT_HI_OP_LOG")).isZero();
		// Camunda records a deletion without the case's id: it is kept whatever the retention.
		assertThat(this.jdbc.queryForObject(deletedBy, Long.class)).isEqualTo(deletions);
	}

	/** A mailbox case released and verified: the runbook's whole path, with its called verification. */
	private HistoricProcessInstance closedCase() {
		String mailbox = "retention.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(mailbox, "Retention User");
		this.tenant.addAuthenticationMethod(mailbox, "phoneAuthenticationMethod", "+1 425 555 0199");
		this.tenant.restrictSender(mailbox, "EmailSendingLimitExceeded;ExternalRecipientCountToday=4000;");
		ProcessInstance pi = this.runtimeService.createProcessInstanceQuery()
			.processInstanceId(this.starter.openMailboxCase(TestTenants.SINGLE, mailbox, "test", "test").id())
			.singleResult();
		this.driver.runDueJobs();
		this.driver.completeAs("analyst", "soc-analysts", this.driver.task(pi, "Task_ReviewRecommendations"),
				Decisions.releaseMailbox());
		this.driver.completeAs("secadmin", "security-admins", this.driver.task(pi, "Task_ApproveRelease"),
				Decisions.approve());
		this.driver.runDueJobs();
		this.driver.advance(Duration.ofSeconds(1));
		this.driver.userResetsThemselves(pi);
		BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ReleasedAndVerified");
		return this.historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
	}

	/** The case's rows by table (its called verification's included: they share the root). */
	private Map<String, Long> historyRows(HistoricProcessInstance closed) {
		Map<String, Long> rows = new LinkedHashMap<>();
		rows.put("runbook_refusal", this.jdbc.queryForObject("SELECT count(*) FROM runbook_refusal WHERE case_id = ?",
				Long.class, closed.getId()));
		for (String table : CASE_TABLES) {
			rows.put(table, this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE root_proc_inst_id_ = ?",
					Long.class, closed.getId()));
		}
		return rows;
	}

	/** Runs Camunda's history cleanup as the nightly job does, with the engine's clock this long after the close. */
	private void cleanUpAt(HistoricProcessInstance closed, Duration afterClose) {
		ClockUtil.setCurrentTime(new Date(closed.getEndTime().getTime() + afterClose.toMillis()));
		Job cleanup = this.historyService.cleanUpHistoryAsync(true);
		this.managementService.executeJob(cleanup.getId());
		// The hourly round that follows the cleanup.
		retention(this.caseHistory).forgetOperationsOfRemovedCases();
	}

	private void retainCasesFor(Duration caseHistory) {
		this.caseHistory = caseHistory;
		retention(caseHistory).postProcessEngineBuild(this.engine);
	}

	private HistoryRetention retention(Duration caseHistory) {
		return new HistoryRetention(new RetentionProperties(caseHistory, this.retention.detectionHistory(),
				this.retention.cleanupWindowStart(), this.retention.cleanupWindowEnd()), this.jdbc);
	}

}
