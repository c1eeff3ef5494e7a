package org.soc.runbook.benchmark;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.soc.runbook.cases.ProcessKeys;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills the history with closed cases for the growth measurement, fast: every history row of the cases that really
 * ran is copied with new ids (so each copy is a case of its own, with its own business key) and its times moved
 * back, until the history holds the number of closed cases asked for. The copies have the shape of real cases (the
 * same activities, variables, details, tasks, job log and operation log), which is what the queries feel.
 */
final class HistorySeeder {

	/** Every history table with rows of a case (all carry the root process instance id). */
	private static final List<String> TABLES = List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst",
			"act_hi_varinst", "act_hi_detail", "act_hi_identitylink", "act_hi_comment", "act_hi_op_log",
			"act_hi_incident", "act_hi_job_log");

	/** Columns that hold an id of a case's own rows (or its business key): a copy gets them suffixed. */
	private static final Set<String> OWN_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_",
			"act_inst_id_", "parent_act_inst_id_", "call_proc_inst_id_", "task_id_", "super_process_instance_id_",
			"super_case_instance_id_", "process_instance_id_", "job_id_", "var_inst_id_", "parent_task_id_",
			"operation_id_", "cause_incident_id_", "root_cause_incident_id_", "business_key_");

	private static final String CASES = "select id_ from act_hi_procinst where end_time_ is not null "
			+ "and id_ = root_proc_inst_id_ and id_ not like '%~%' and proc_def_key_ in ('"
			+ ProcessKeys.MAILBOX_RUNBOOK + "', '" + ProcessKeys.CONNECTOR_RUNBOOK + "')";

	private final JdbcTemplate jdbc;

	private int copies;

	HistorySeeder(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Closed cases in the history now. */
	long closedCases() {
		return this.jdbc.queryForObject("select count(*) from act_hi_procinst where end_time_ is not null "
				+ "and id_ = root_proc_inst_id_ and proc_def_key_ in ('" + ProcessKeys.MAILBOX_RUNBOOK + "', '"
				+ ProcessKeys.CONNECTOR_RUNBOOK + "')", Long.class);
	}

	/** Copies the real closed cases until at least {@code target} closed cases are in the history. */
	void fillTo(long target) {
		long real = this.jdbc.queryForObject("select count(*) from (" + CASES + ") c", Long.class);
		long missing = target - closedCases();
		if (missing <= 0 || real == 0) {
			return;
		}
		int from = this.copies + 1;
		int to = this.copies + (int) ((missing + real - 1) / real);
		for (String table : TABLES) {
			copy(table, from, to);
		}
		// The case list's own index (audit.CaseIndex), copied the same way (when this version has one).
		if (this.jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'runbook_case'",
				Long.class) > 0) {
			this.jdbc.execute("insert into runbook_case (case_id, case_type, business_key, opened_at, closed_at, "
					+ "outcome, repeat_case) select right(case_id, 56) || '~' || g, case_type, "
					+ "right(business_key, 56) || '~' || g, opened_at - g * interval '1 hour', "
					+ "closed_at - g * interval '1 hour', outcome, repeat_case from runbook_case "
					+ "cross join generate_series(" + from + ", " + to + ") g where case_id in (" + CASES + ")");
			this.jdbc.execute("analyze runbook_case");
		}
		this.copies = to;
		// What autovacuum would do soon after a real load; without it the planner guesses from an empty table.
		for (String table : TABLES) {
			this.jdbc.execute("analyze " + table);
		}
	}

	private void copy(String table, int from, int to) {
		List<Column> columns = this.jdbc.query("select column_name, data_type from information_schema.columns "
				+ "where table_name = ? order by ordinal_position",
				(rs, row) -> new Column(rs.getString(1).toLowerCase(), rs.getString(2)), table);
		String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
		String values = columns.stream().map(Column::copied).collect(Collectors.joining(", "));
		this.jdbc.execute("insert into " + table + " (" + names + ") select " + values + " from " + table
				+ " s cross join generate_series(" + from + ", " + to + ") g where s.root_proc_inst_id_ in (" + CASES
				+ ")");
	}

	private record Column(String name, String type) {

		/** The column's value in copy number g: own ids made new, times moved back g hours, the rest as it was. */
		String copied() {
			if (OWN_IDS.contains(this.name)) {
				// The right end of an id is its unique part (activity instance ids start with the activity's id);
				// the same cut everywhere keeps references between rows intact within the 64 characters allowed.
				return "case when s." + this.name + " is null then null else right(s." + this.name
						+ ", 56) || '~' || g end";
			}
			if (this.type.startsWith("timestamp")) {
				return "s." + this.name + " - g * interval '1 hour'";
			}
			return "s." + this.name;
		}

	}

}
