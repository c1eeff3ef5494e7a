package org.soc.runbook.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real PostgreSQL with Camunda's own schema (engine and history): the indexes on columns the runbook leaves
 * empty become partial under their own names, hold no entry for an empty column, and still serve every look-up by
 * value, as the pool plans it (a generic plan).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartialIndexesTests {

	private static EmbeddedPostgres postgres;

	private static JdbcTemplate jdbc;

	private static PartialIndexes partialIndexes;

	@BeforeAll
	static void camundaSchema() throws IOException, SQLException {
		postgres = EmbeddedPostgres.builder().start();
		jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
		partialIndexes = new PartialIndexes(postgres.getPostgresDatabase(), true);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			for (String part : List.of("engine", "history")) {
				String script = new ClassPathResource("org/camunda/bpm/engine/db/create/activiti.postgres.create."
						+ part + ".sql")
					.getContentAsString(StandardCharsets.UTF_8)
					.replaceAll("(?s)/\\*.*?\\*/", "")
					.replaceAll("(?m)^\\s*--.*$", "");
				for (String statement : script.split(";")) {
					if (!statement.isBlank()) {
						sql.execute(statement);
					}
				}
			}
		}
	}

	@AfterAll
	static void stop() throws IOException {
		postgres.close();
	}

	@Test
	@Order(1)
	void camundasIndexesOnEmptyColumnsBecomePartialUnderTheirOwnNames() throws SQLException {
		List<String> before = indexNames();

		List<String> made = partialIndexes.makePartial();

		assertThat(made).contains("act_idx_hi_varinst_rm_time", "act_idx_hi_var_inst_tenant_id",
				"act_idx_hi_detail_case_inst", "act_idx_hi_detail_task_bytear", "act_idx_var_bytearray",
				"act_idx_batch_id", "act_idx_hi_job_log_ex_stack", "act_idx_hi_act_inst_rm_time");
		assertThat(definition("act_idx_hi_varinst_rm_time"))
			.endsWith("(removal_time_) WHERE (removal_time_ IS NOT NULL)");
		assertThat(definition("act_idx_hi_detail_task_bytear"))
			.endsWith("(bytearray_id_, task_id_) WHERE (bytearray_id_ IS NOT NULL)");
		// Nothing else changed: the same names, the indexes Camunda's look-ups by process instance need still full.
		assertThat(indexNames()).isEqualTo(before);
		assertThat(definition("act_idx_hi_procvar_proc_inst")).doesNotContain("WHERE");
		assertThat(definition("act_uniq_variable")).doesNotContain("WHERE");
		// A restart finds nothing to do.
		assertThat(partialIndexes.makePartial()).isEmpty();
	}

	@Test
	@Order(2)
	void aRowWithAnEmptyColumnLeavesNoEntryInItsIndex() {
		jdbc.update("INSERT INTO act_hi_varinst (id_, name_, var_type_, rev_, proc_inst_id_, root_proc_inst_id_) "
				+ "SELECT 'v' || n, 'evidence', 'string', 0, 'p' || (n / 50), 'p' || (n / 50) "
				+ "FROM generate_series(1, 5000) n");
		jdbc.execute("ANALYZE act_hi_varinst");
		// pg_class.reltuples of an index: the entries it holds, counted by the analysis.
		assertThat(entries("act_idx_hi_varinst_rm_time")).isZero();
		assertThat(entries("act_idx_hi_var_inst_tenant_id")).isZero();
		assertThat(entries("act_idx_hi_procvar_proc_inst")).isEqualTo(5000);
	}

	@Test
	@Order(3)
	void aLookUpByValueStillUsesThePartialIndexInAGenericPlan() throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			sql.execute("SET plan_cache_mode = force_generic_plan");
			// Whatever the table's size: the question is whether the planner may use the partial index at all.
			sql.execute("SET enable_seqscan = off");
			sql.execute("PREPARE by_bytes (varchar) AS SELECT id_ FROM act_hi_varinst WHERE bytearray_id_ = $1");
			sql.execute("PREPARE by_removal (timestamp) AS SELECT id_ FROM act_hi_varinst WHERE removal_time_ <= $1");
			sql.execute("PREPARE by_tenants (varchar, varchar) AS SELECT id_ FROM act_hi_varinst "
					+ "WHERE tenant_id_ in ($1, $2)");
			assertThat(plan(sql, "by_bytes ('b1')")).contains("act_idx_hi_varinst_bytear");
			assertThat(plan(sql, "by_removal (now())")).contains("act_idx_hi_varinst_rm_time");
			assertThat(plan(sql, "by_tenants ('t1', 't2')")).contains("act_idx_hi_var_inst_tenant_id");
		}
	}

	@Test
	@Order(4)
	void anIndexRebuiltFullOrLeftHalfWayIsMadePartialAtTheNextStart() throws SQLException {
		// A Camunda upgrade script rebuilt one index as it ships it...
		jdbc.execute("DROP INDEX act_idx_hi_detail_tenant_id");
		jdbc.execute("CREATE INDEX act_idx_hi_detail_tenant_id ON act_hi_detail (tenant_id_)");
		// ...a start was stopped after building one partial index and dropping the full one...
		jdbc.execute("DROP INDEX act_idx_hi_varinst_bytear");
		jdbc.execute("CREATE INDEX act_idx_hi_varinst_bytear_partial ON act_hi_varinst (bytearray_id_) "
				+ "WHERE bytearray_id_ IS NOT NULL");
		// ...and another while building, the full one still there.
		jdbc.execute("DROP INDEX act_idx_var_bytearray");
		jdbc.execute("CREATE INDEX act_idx_var_bytearray ON act_ru_variable (bytearray_id_)");
		jdbc.execute("CREATE INDEX act_idx_var_bytearray_partial ON act_ru_variable (bytearray_id_) "
				+ "WHERE bytearray_id_ IS NOT NULL");

		assertThat(partialIndexes.makePartial()).containsExactlyInAnyOrder("act_idx_hi_detail_tenant_id",
				"act_idx_hi_varinst_bytear", "act_idx_var_bytearray");

		assertThat(definition("act_idx_hi_detail_tenant_id")).endsWith("WHERE (tenant_id_ IS NOT NULL)");
		assertThat(definition("act_idx_hi_varinst_bytear")).endsWith("WHERE (bytearray_id_ IS NOT NULL)");
		assertThat(definition("act_idx_var_bytearray")).endsWith("WHERE (bytearray_id_ IS NOT NULL)");
		assertThat(indexNames()).noneMatch((name) -> name.endsWith(PartialIndexes.BUILDING));
	}

	private static String definition(String index) {
		return jdbc.queryForObject("SELECT pg_get_indexdef(?::regclass)", String.class, index);
	}

	private static long entries(String index) {
		return jdbc.queryForObject("SELECT reltuples::bigint FROM pg_class WHERE relname = ?", Long.class, index);
	}

	private static List<String> indexNames() {
		return jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
				+ "AND tablename LIKE 'act\\_%' ORDER BY indexname", String.class);
	}

	private static String plan(Statement sql, String execute) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (ResultSet result = sql.executeQuery("EXPLAIN EXECUTE " + execute)) {
			while (result.next()) {
				lines.add(result.getString(1));
			}
		}
		return String.join("\n", lines);
	}

}
