package org.soc.runbook.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes Camunda's indexes on columns this application leaves empty partial on PostgreSQL: the same index, under the
 * same name, without an entry for each row whose column is null. Camunda indexes every table by tenant, by CMMN case,
 * by removal time, by batch, by the byte array and by the task a row may belong to. The runbook has no tenants and no
 * CMMN, cleans the history by end time (so removal times stay null, {@code HistoryRetention}), and most of its
 * variables are not task-local and fit in their row; yet PostgreSQL writes an entry for every null into each of those
 * indexes, for every variable, its history and change trail, every job log and activity record. A case's variables
 * alone made about 1,900 index entries, 900 of them for nulls. Every query that uses such an index asks for a
 * value ({@code = ?}, {@code in (...)}, {@code <= ?}), which PostgreSQL knows is not null, so it still uses the
 * partial index; a deployment that later sets these columns (tenants, the removal-time cleanup) finds them indexed.
 * <p>
 * Done once per index, beside the application once it has started, the way a DBA would on a live database: the
 * partial index is built next to the full one without blocking writes ({@code CREATE INDEX CONCURRENTLY}), then the
 * full one is dropped and the new one takes its name, so Camunda's upgrade scripts (and changelog) find the names they
 * expect. An index already partial is left alone; one that Camunda's upgrade scripts rebuild is made partial again
 * at the next start. One node at a time (an advisory lock). Other databases (the demo's H2) are left alone; a
 * database user that does not own the tables gets a warning and full indexes; {@code
 * runbook.database.partial-indexes=false} leaves the schema to a DBA (the README has the SQL).
 */
@Component
class PartialIndexes {

	private static final Logger LOG = LoggerFactory.getLogger(PartialIndexes.class);

	/** Leading columns Camunda fills only for tenants, CMMN, removal-time cleanup, batches, large or task values. */
	static final Set<String> RARELY_SET = Set.of("tenant_id_", "case_inst_id_", "case_execution_id_", "case_exec_id_",
			"case_def_id_", "removal_time_", "batch_id_", "bytearray_id_", "task_id_", "exception_stack_id_",
			"job_exception_stack_id_", "error_details_id_");

	/** The name a partial index is built under before it replaces the full one. */
	static final String BUILDING = "_partial";

	/** Serializes the nodes of a cluster starting at once (any constant no other code uses). */
	private static final long LOCK = 0x72756e626f6f6bL;

	private final DataSource dataSource;

	private final boolean enabled;

	@Autowired
	PartialIndexes(DataSource dataSource, DatabaseProperties properties) {
		this(dataSource, properties.partialIndexes());
	}

	PartialIndexes(DataSource dataSource, boolean enabled) {
		this.dataSource = dataSource;
		this.enabled = enabled;
	}

	/**
	 * Starts the work beside the application: on a history of months each index takes seconds to build, and the
	 * node serves and runs its jobs meanwhile (the full indexes serve until the partial ones replace them).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		if (this.enabled) {
			Thread worker = new Thread(this::makePartialQuietly, "partial-indexes");
			worker.setDaemon(true);
			worker.start();
		}
	}

	private void makePartialQuietly() {
		try {
			List<String> made = makePartial();
			if (!made.isEmpty()) {
				LOG.info("Made {} of Camunda's indexes partial (no entries for empty columns): {}", made.size(), made);
			}
		}
		catch (SQLException | RuntimeException ex) {
			// Stopped half-way (the node shutting down, a lost connection): the next start finishes it.
			LOG.warn("Could not make Camunda's indexes on empty columns partial; they stay full for now: {}",
					ex.getMessage());
		}
	}

	/** Replaces every full index of Camunda's tables on a rarely set leading column with a partial one. */
	List<String> makePartial() throws SQLException {
		List<String> made = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection()) {
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				return made;
			}
			boolean autoCommit = connection.getAutoCommit();
			// CREATE INDEX CONCURRENTLY refuses to run inside a transaction.
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
				try {
					finishInterrupted(statement, made);
					for (Index index : candidates(statement)) {
						// Names and definitions come from PostgreSQL's catalog, for Camunda's own indexes only.
						String building = index.name() + BUILDING;
						statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + building);
						statement.execute(index.definition()
							.replaceFirst("(?i)^CREATE INDEX " + index.name() + " ",
									"CREATE INDEX CONCURRENTLY " + building + " ")
								+ " WHERE " + index.column() + " IS NOT NULL");
						statement.execute("DROP INDEX CONCURRENTLY " + index.name());
						statement.execute("ALTER INDEX " + building + " RENAME TO " + index.name());
						made.add(index.name());
					}
				}
				finally {
					statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
				}
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		return made;
	}

	/**
	 * A start stopped half-way left a partial index under its building name: it takes the name if the full index
	 * is already gone and it was built completely, and is dropped otherwise (built again below).
	 */
	private static void finishInterrupted(Statement statement, List<String> made) throws SQLException {
		List<String[]> leftovers = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery("SELECT ic.relname, i.indisvalid AND NOT EXISTS (SELECT 1 "
				+ "FROM pg_class b WHERE b.relnamespace = ic.relnamespace AND b.relname = left(ic.relname, -"
				+ BUILDING.length() + ")) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
				+ "JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname = current_schema() "
				+ "AND ic.relname LIKE 'act\\_%" + BUILDING.replace("_", "\\_") + "'")) {
			while (rows.next()) {
				leftovers.add(new String[] { rows.getString(1), Boolean.toString(rows.getBoolean(2)) });
			}
		}
		for (String[] leftover : leftovers) {
			String name = leftover[0];
			if (Boolean.parseBoolean(leftover[1])) {
				String full = name.substring(0, name.length() - BUILDING.length());
				statement.execute("ALTER INDEX " + name + " RENAME TO " + full);
				made.add(full);
			}
			else {
				statement.execute("DROP INDEX CONCURRENTLY " + name);
			}
		}
	}

	/** Camunda's full, non-unique indexes in the current schema whose leading column is rarely set. */
	private static List<Index> candidates(Statement statement) throws SQLException {
		List<Index> indexes = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery("SELECT ic.relname, pg_get_indexdef(i.indexrelid), a.attname "
				+ "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
				+ "JOIN pg_namespace n ON n.oid = t.relnamespace "
				+ "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0] "
				+ "WHERE n.nspname = current_schema() AND t.relname LIKE 'act\\_%' AND NOT i.indisunique "
				+ "AND NOT i.indisprimary AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indisvalid "
				+ "AND ic.relname NOT LIKE '%" + BUILDING.replace("_", "\\_") + "' ORDER BY ic.relname")) {
			while (rows.next()) {
				if (RARELY_SET.contains(rows.getString(3))) {
					indexes.add(new Index(rows.getString(1), rows.getString(2), rows.getString(3)));
				}
			}
		}
		return indexes;
	}

	/**
	 * A full index to make partial.
	 *
	 * @param name its name (lower case, as PostgreSQL keeps Camunda's unquoted names)
	 * @param definition its {@code CREATE INDEX} statement, as PostgreSQL gives it
	 * @param column its leading column
	 */
	record Index(String name, String definition, String column) {
	}

}
