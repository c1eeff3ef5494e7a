package org.soc.runbook.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the PostgreSQL server did for a scenario, beyond the statements' own execution time: how many statements and
 * transactions it served, how much write-ahead log it wrote (full-page images included: the first change of a page
 * after a checkpoint writes the whole page), and whose CPU it was: the backends that serve the application's
 * connections, autovacuum, or the server's background processes. {@link CpuMeter} counts the server as one; this
 * splits it, so that the CPU PostgreSQL spends outside its statements' execution can be told apart.
 */
final class PostgresMeter {

	private PostgresMeter() {
	}

	/** Counters now: the server's cumulative statistics and the CPU of each kind of its processes. */
	static Reading now(JdbcTemplate jdbc) {
		long transactions = jdbc.queryForObject(
				"select xact_commit + xact_rollback from pg_stat_database where datname = current_database()",
				Long.class);
		long[] wal = jdbc.queryForObject("select wal_records, wal_fpi, wal_bytes from pg_stat_wal",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) });
		long statements = jdbc.queryForObject("select coalesce(sum(calls), 0) from pg_stat_statements", Long.class);
		Ticks cpu = cpuTicks();
		return new Reading(statements, transactions, wal[0], wal[1], wal[2], cpu);
	}

	/**
	 * Per case between two readings: "statements 214, transactions 31, WAL records 402 / full-page images 12 / kB
	 * 96, CPU ms: backends 30.1, autovacuum 2.0, background 1.2". The statement count assumes pg_stat_statements
	 * was reset before the first reading.
	 */
	static String perCase(Reading before, Reading after, int cases) {
		double n = cases;
		return String.format(Locale.ROOT,
				"statements %.0f, transactions %.1f, WAL records %.0f / full-page images %.1f / kB %.1f, "
						+ "CPU ms: backends %.1f, autovacuum %.1f, background %.1f",
				(after.statements() - before.statements()) / n, (after.transactions() - before.transactions()) / n,
				(after.walRecords() - before.walRecords()) / n, (after.walFullPages() - before.walFullPages()) / n,
				(after.walBytes() - before.walBytes()) / 1024.0 / n,
				(after.cpu().backends() - before.cpu().backends()) * 10 / n,
				(after.cpu().autovacuum() - before.cpu().autovacuum()) * 10 / n,
				(after.cpu().background() - before.cpu().background()) * 10 / n);
	}

	/**
	 * User plus system clock ticks (10 ms) of the server's processes by kind, from /proc (Linux): client backends,
	 * autovacuum, everything else. Autovacuum workers come and go: one that ended was reaped by the postmaster, whose
	 * children's time is counted as autovacuum (the only children that end while the server runs with pooled
	 * connections).
	 */
	static Ticks cpuTicks() {
		long[] ticks = new long[3];
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter((p) -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String stat = Files.readString(process.resolve("stat"));
					int open = stat.indexOf('(');
					int close = stat.lastIndexOf(')');
					if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) {
						continue;
					}
					String[] fields = stat.substring(close + 2).split(" ");
					long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					String command = new String(Files.readAllBytes(process.resolve("cmdline")),
							StandardCharsets.UTF_8);
					if (!command.startsWith("postgres:")) {
						// The postmaster: its own time is background, its reaped children's is autovacuum.
						ticks[2] += own;
						ticks[1] += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
					}
					else if (command.startsWith("postgres: autovacuum worker")) {
						ticks[1] += own;
					}
					else if (command.contains("(")) {
						// A client backend's title names its client's address and port.
						ticks[0] += own;
					}
					else {
						ticks[2] += own;
					}
				}
				catch (IOException | RuntimeException ex) {
					// The process ended while being read.
				}
			}
		}
		catch (IOException ex) {
			// Not Linux: no split.
		}
		return new Ticks(ticks[0], ticks[1], ticks[2]);
	}

	/** One reading of {@link #now}. */
	record Reading(long statements, long transactions, long walRecords, long walFullPages, long walBytes,
			Ticks cpu) {
	}

	/** Clock ticks (10 ms) of CPU by kind of server process. */
	record Ticks(long backends, long autovacuum, long background) {

		long total() {
			return this.backends + this.autovacuum + this.background;
		}

	}

}
