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
			// The driver prepares the look-up on the server after five uses; the server keeps one plan after five more.
			sql.execute("PREPARE variables_of (varchar) AS " + VARIABLES_OF_EXECUTION);
			for (int i = 0; i < 10; i++) {
				sql.execute("EXECUTE variables_of ('e0')");
			}
			// A wave: 2,000 cases with their variables.
			executionsWithVariables(sql, 1, 2_000);
			assertThat(plan(sql)).contains("Seq Scan on act_ru_variable");

			await().atMost(Duration.ofSeconds(30))
				.until(statistics::refresh, (analyzed) -> analyzed.contains("act_ru_variable"));

			assertThat(plan(sql)).contains("act_idx_var_exe").doesNotContain("Seq Scan on act_ru_variable");
			// Its statistics now know the wave's rows: the next look leaves it alone (each analysis re-plans).
			assertThat(statistics.refresh()).doesNotContain("act_ru_variable");
		}
	}

	private static void executionsWithVariables(Statement sql, int first, int count) throws SQLException {
		String executions = "generate_series(" + first + ", " + (first + count - 1) + ") e";
		sql.execute("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, ROOT_PROC_INST_ID_, IS_ACTIVE_, "
				+ "IS_CONCURRENT_, IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_, SEQUENCE_COUNTER_) "
				+ "SELECT 'e' || e, 1, 'e' || e, 'e' || e, true, false, true, false, 1, 1 FROM " + executions);
		sql.execute("INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_, PROC_INST_ID_, EXECUTION_ID_, TEXT_, "
				+ "VAR_SCOPE_, SEQUENCE_COUNTER_, IS_CONCURRENT_LOCAL_) SELECT 'v' || e || '-' || k, 1, 'string', "
				+ "'variable' || k, 'e' || e, 'e' || e, 'value', 'e' || e, 1, false FROM " + executions
				+ ", generate_series(1, 24) k");
	}

	private static String plan(Statement sql) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (ResultSet rows = sql.executeQuery("EXPLAIN EXECUTE variables_of ('e7')")) {
			while (rows.next()) {
				plan.append(rows.getString(1)).append('\n');
			}
		}
		return plan.toString();
	}

}
