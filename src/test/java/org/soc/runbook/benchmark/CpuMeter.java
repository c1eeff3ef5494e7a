package org.soc.runbook.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a scenario's CPU went, so that the benchmark's figures point at what to tune: the runbook's job executor (with
 * the tenant HTTP client, which works on the calling thread), the simulated tenant's web server (Microsoft's cost in
 * production, on the same two cores here), the benchmark's own driver (which also opens the cases), the garbage
 * collector, the JIT compiler, the rest of the JVM and the PostgreSQL server.
 */
final class CpuMeter {

	static final String JOB_EXECUTOR = "runbook job executor";

	static final String SIMULATOR = "simulated tenant (Tomcat)";

	static final String DRIVER = "benchmark driver";

	static final String GC = "garbage collection";

	static final String JIT = "JIT compiler";

	static final String OTHER_JVM = "other JVM";

	static final String POSTGRES = "PostgreSQL";

	private CpuMeter() {
	}

	/** CPU used so far: per named thread (by id, so a thread that ends is not subtracted), the process, PostgreSQL. */
	static Reading now() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<Long, Long> nanos = new HashMap<>();
		Map<Long, String> groups = new HashMap<>();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			String group = (info != null) ? group(info.getThreadName()) : null;
			if (group != null) {
				nanos.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
				groups.put(info.getThreadId(), group);
			}
		}
		// The collector's and the compiler's threads are not Java threads: the kernel knows them by name.
		nativeThreadNanos(nanos, groups);
		long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		return new Reading(nanos, groups, process, postgresNanos());
	}

	/**
	 * Milliseconds of CPU per case between two readings, by part, e.g. "job executor 41, simulated tenant 30, ...".
	 * A named thread counts what it used between the readings (from zero when it started in between); what threads
	 * that ended in between had used is only in the process total, so it shows under "other JVM".
	 */
	static String perCase(Reading before, Reading after, int cases) {
		StringBuilder text = new StringBuilder();
		long total = 0;
		for (Map.Entry<String, Long> part : used(before, after).entrySet()) {
			total += part.getValue();
			text.append(String.format(Locale.ROOT, "%s %.1f, ", part.getKey(), part.getValue() / 1e6 / cases));
		}
		return text.append(String.format(Locale.ROOT, "total %.1f", total / 1e6 / cases)).toString();
	}

	/**
	 * Milliseconds of CPU the node used between two readings: every part, PostgreSQL included, but the simulated
	 * tenant, which is Microsoft's work in production.
	 */
	static double nodeMillis(Reading before, Reading after) {
		Map<String, Long> used = used(before, after);
		used.remove(SIMULATOR);
		return used.values().stream().mapToLong(Long::longValue).sum() / 1e6;
	}

	/** Milliseconds of CPU per case one part used between two readings. */
	static double msPerCase(Reading before, Reading after, int cases, String part) {
		return used(before, after).get(part) / 1e6 / cases;
	}

	private static Map<String, Long> used(Reading before, Reading after) {
		Map<String, Long> used = new LinkedHashMap<>();
		for (String part : List.of(JOB_EXECUTOR, SIMULATOR, DRIVER, GC, JIT)) {
			used.put(part, 0L);
		}
		long named = 0;
		for (Map.Entry<Long, Long> thread : after.threadNanos().entrySet()) {
			long delta = Math.max(0, thread.getValue() - before.threadNanos().getOrDefault(thread.getKey(), 0L));
			used.merge(after.threadGroups().get(thread.getKey()), delta, Long::sum);
			named += delta;
		}
		used.put(OTHER_JVM, Math.max(0, after.processNanos() - before.processNanos() - named));
		used.put(POSTGRES, after.postgresNanos() - before.postgresNanos());
		return used;
	}

	/** One reading of {@link #now()}. */
	record Reading(Map<Long, Long> threadNanos, Map<Long, String> threadGroups, long processNanos,
			long postgresNanos) {
	}

	private static String group(String thread) {
		if (thread.startsWith("camundaTaskExecutor") || thread.startsWith("JobExecutor[")) {
			return JOB_EXECUTOR;
		}
		if (thread.startsWith("http-nio")) {
			return SIMULATOR;
		}
		if (thread.equals("main") || thread.startsWith("benchmark-")) {
			return DRIVER;
		}
		return null;
	}

	/**
	 * The JVM's own garbage collection and JIT compiler threads, from /proc/self/task (Linux), keyed by the negated
	 * kernel thread id so they cannot collide with Java thread ids.
	 */
	private static void nativeThreadNanos(Map<Long, Long> nanos, Map<Long, String> groups) {
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String group = name.startsWith("GC Thread") || name.startsWith("VM Thread")
							|| name.startsWith("ParGC") || name.startsWith("G1 ") ? GC
									: name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT : null;
					if (group != null) {
						long id = -Long.parseLong(task.getFileName().toString());
						nanos.put(id, ticks(stat) * 10_000_000L);
						groups.put(id, group);
					}
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended while being read.
				}
			}
		}
		catch (IOException ex) {
			// Not Linux: the collector and the compiler stay in "other JVM".
		}
	}

	/** User plus system time, in clock ticks of 10 ms, from a /proc stat line. */
	private static long ticks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// After the command: state(0) ... utime(11) stime(12).
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/**
	 * User and system time of the PostgreSQL server's processes (Linux only), ended autovacuum workers included
	 * ({@link PostgresMeter}).
	 */
	private static long postgresNanos() {
		return PostgresMeter.cpuTicks().total() * 10_000_000L;
	}

}
