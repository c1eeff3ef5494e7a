package org.soc.runbook.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real PostgreSQL with Camunda's own schema: the variable look-up every step runs, prepared while
 * {@code ACT_RU_VARIABLE} was nearly empty, scans the whole table once a wave has filled it, until
 * {@link RuntimeTableStatistics} analyzes the table; then it uses its index again.
 */
class RuntimeTableStatisticsTests {

	/** Camunda's look-up of an execution's variables (VariableInstance.xml), as the engine sends it. */
	private static final String VARIABLES_OF_EXECUTION = "SELECT RES.*, (case when RES.TASK_ID_ is not null and "
			+ "RES.EXECUTION_ID_ is not null then EXECUTION.ACT_INST_ID_ when RES.CASE_EXECUTION_ID_ is not null then "
			+ "RES.CASE_EXECUTION_ID_ when EXECUTION.PARENT_ID_ is null and RES.IS_CONCURRENT_LOCAL_ = false then "
			+ "EXECUTION.ID_ when EXECUTION.IS_SCOPE_ = true and EXECUTION.PARENT_ID_ is not null and "
			+ "RES.IS_CONCURRENT_LOCAL_ = false then PARENT_EXECUTION.ACT_INST_ID_ else EXECUTION.ACT_INST_ID_ end) "
			+ "ACT_INST_ID_ FROM ACT_RU_VARIABLE RES LEFT JOIN ACT_RU_EXECUTION EXECUTION ON RES.EXECUTION_ID_ = "
			+ "EXECUTION.ID_ LEFT JOIN ACT_RU_EXECUTION PARENT_EXECUTION ON EXECUTION.PARENT_ID_ = "
			+ "PARENT_EXECUTION.ID_ WHERE EXECUTION_ID_ = $1 AND TASK_ID_ is null";

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void camundaSchema() throws IOException, SQLException {
		postgres = EmbeddedPostgres.builder().start();
		String script = new ClassPathResource("org/camunda/bpm/engine/db/create/activiti.postgres.create.engine.sql")
			.getContentAsString(StandardCharsets.UTF_8)
			.replaceAll("(?s)/\\*.*?\\*/", "")
			.replaceAll("(?m)^\\s*--.*$", "");
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			for (String statement : script.split(";")) {
				if (!statement.isBlank()) {
					sql.execute(statement);
				}
			}
			// Autovacuum would analyze the table at a time of its choosing; the test decides when.
			sql.execute("ALTER TABLE ACT_RU_VARIABLE SET (autovacuum_enabled = false)");
			sql.execute("ALTER TABLE ACT_RU_EXECUTION SET (autovacuum_enabled = false)");
			sql.execute("ALTER TABLE ACT_RU_AUTHORIZATION SET (autovacuum_enabled = false)");
		}
	}

	@AfterAll
	static void stop() throws IOException {
		postgres.close();
	}

	@Test
	void aLookUpPlannedOnTheQuietTableUsesItsIndexAgainOnceAWaveFilledIt() throws SQLException {
		JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
		RuntimeTableStatistics statistics = new RuntimeTableStatistics(jdbc);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			// A quiet night: one running case with its variables, and autovacuum has analyzed the table.
			executionsWithVariables(sql, 0, 1);
			sql.execute("ANALYZE ACT_RU_VARIABLE");
			sql.execute("ANALYZE ACT_RU_EXECUTION");
			prepareAndUse(sql, "PREPARE variables_of (varchar) AS " + VARIABLES_OF_EXECUTION,
					"EXECUTE variables_of ('e0')");
			// A wave: 2,000 cases with their variables.
			executionsWithVariables(sql, 1, 2_000);
			String explain = "EXPLAIN EXECUTE variables_of ('e7')";
			assertThat(plan(sql, explain)).contains("Seq Scan on act_ru_variable");

			assertAnalyzedThenIndexed(statistics, sql, explain, "act_ru_variable", "act_idx_var_exe");
			// Its statistics now know the wave's rows: the next look leaves it alone (each analysis re-plans).
			assertThat(statistics.refresh()).doesNotContain("act_ru_variable");
		}
	}

	@Test
	void aWaveOfAFewHundredExecutionsIsEnoughToHaveThemAnalyzed() throws SQLException {
		JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
		RuntimeTableStatistics statistics = new RuntimeTableStatistics(jdbc);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			sql.execute("DELETE FROM ACT_RU_VARIABLE");
			sql.execute("DELETE FROM ACT_RU_EXECUTION");
			try {
				// Between waves: one running case, analyzed. Every step reads its execution by id, and every variable
				// insert checks its execution the same way (the foreign key).
				executions(sql, 0, 1);
				sql.execute("ANALYZE ACT_RU_EXECUTION");
				prepareAndUse(sql, "PREPARE execution_by_id (varchar) AS SELECT * FROM ACT_RU_EXECUTION WHERE ID_ = $1",
						"EXECUTE execution_by_id ('e0')");
				// A wave of 150 cases or so: 450 executions, a few per case. Under the first mark (500 rows more than
				// the statistics knew of) it was never analyzed, and the look-up kept scanning.
				executions(sql, 1, 450);
				String explain = "EXPLAIN EXECUTE execution_by_id ('e7')";
				assertThat(plan(sql, explain)).contains("Seq Scan on act_ru_execution");

				assertAnalyzedThenIndexed(statistics, sql, explain, "act_ru_execution", "act_ru_execution_pkey");
			}
			finally {
				sql.execute("DEALLOCATE ALL");
				sql.execute("DELETE FROM ACT_RU_EXECUTION");
			}
		}
	}

	@Test
	void theTaskGrantCheckUsesAnIndexAgainOnceAWaveOfOpenTasksFilledTheGrants() throws SQLException {
		JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
		RuntimeTableStatistics statistics = new RuntimeTableStatistics(jdbc);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			// A quiet night: only the groups' standing grants (resource id '*'), analyzed.
			sql.execute("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, "
					+ "PERMS_) SELECT 'g' || r || '-' || g, 1, 1, g, r, '*', 2147483647 FROM generate_series(0, 20) r, "
					+ "unnest(array['soc-analysts', 'security-admins', 'soc-leads']) g");
			sql.execute("ANALYZE ACT_RU_AUTHORIZATION");
			// One of the checks of completing a task as a member of a group (Camunda's, simplified).
			prepareAndUse(sql, "PREPARE grant_of (varchar, varchar) AS SELECT EXISTS (SELECT ID_ FROM "
					+ "ACT_RU_AUTHORIZATION A WHERE A.TYPE_ = 1 AND A.GROUP_ID_ IN ($1) AND A.PERMS_ & 2 = 2 "
					+ "AND A.RESOURCE_TYPE_ = 7 AND A.RESOURCE_ID_ = $2)", "EXECUTE grant_of ('soc-analysts', 't0')");
			// A wave: Camunda grants each open review task's candidate group read and update on it, a row per task.
			sql.execute("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, "
					+ "PERMS_) SELECT 'a' || t, 1, 1, 'soc-analysts', 7, 't' || t, 6 FROM generate_series(1, 4000) t");
			String explain = "EXPLAIN EXECUTE grant_of ('soc-analysts', 't7')";
			assertThat(plan(sql, explain)).contains("Seq Scan on act_ru_authorization");

			assertAnalyzedThenIndexed(statistics, sql, explain, "act_ru_authorization", "act_idx_auth");
		}
	}

	/**
	 * PostgreSQL 14 sends a connection's row counts to its statistics when a statement ends, at most every half
	 * second; a pool's connections in a wave never stop, this test's one would.
	 */
	private static void reportRowCounts(Statement sql) throws SQLException {
		try {
			Thread.sleep(600);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		sql.execute("SELECT 1");
	}

	/** The driver prepares a statement on the server after five uses; the server keeps one plan after five more. */
	private static void prepareAndUse(Statement sql, String prepare, String execute) throws SQLException {
		sql.execute(prepare);
		for (int i = 0; i < 10; i++) {
			sql.execute(execute);
		}
	}

	/** The refresh analyzes the table, and the prepared statement is planned again, with the index. */
	private static void assertAnalyzedThenIndexed(RuntimeTableStatistics statistics, Statement sql, String explain,
			String table, String index) throws SQLException {
		reportRowCounts(sql);
		await().atMost(Duration.ofSeconds(30)).until(statistics::refresh, (analyzed) -> analyzed.contains(table));
		assertThat(plan(sql, explain)).contains(index).doesNotContain("Seq Scan on " + table);
	}

	private static void executions(Statement sql, int first, int count) throws SQLException {
		sql.execute("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, ROOT_PROC_INST_ID_, IS_ACTIVE_, "
				+ "IS_CONCURRENT_, IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_, SEQUENCE_COUNTER_) "
				+ "SELECT 'e' || e, 1, 'e' || e, 'e' || e, true, false, true, false, 1, 1 FROM generate_series("
				+ first + ", " + (first + count - 1) + ") e");
	}

	private static void executionsWithVariables(Statement sql, int first, int count) throws SQLException {
		String executions = "generate_series(" + first + ", " + (first + count - 1) + ") e";
		executions(sql, first, count);
		sql.execute("INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_, PROC_INST_ID_, EXECUTION_ID_, TEXT_, "
				+ "VAR_SCOPE_, SEQUENCE_COUNTER_, IS_CONCURRENT_LOCAL_) SELECT 'v' || e || '-' || k, 1, 'string', "
				+ "'variable' || k, 'e' || e, 'e' || e, 'value', 'e' || e, 1, false FROM " + executions
				+ ", generate_series(1, 24) k");
	}

	private static String plan(Statement sql, String explain) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (ResultSet rows = sql.executeQuery(explain)) {
			while (rows.next()) {
				plan.append(rows.getString(1)).append('\n');
			}
		}
		return plan.toString();
	}

}
