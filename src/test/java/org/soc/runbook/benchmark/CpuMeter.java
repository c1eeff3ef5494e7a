package org.soc.runbook.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a scenario's CPU went, so that the benchmark's figures point at what to tune: the runbook's job executor, the
 * simulated tenant's web server (Microsoft's cost in production, on the same two cores here), the benchmark's own
 * driver, the tenant HTTP client's own threads, the rest of the JVM (garbage collection, JIT) and the PostgreSQL
 * server.
 */
final class CpuMeter {

	static final String JOB_EXECUTOR = "runbook job executor";

	static final String SIMULATOR = "simulated tenant (Tomcat)";

	static final String DRIVER = "benchmark driver";

	static final String HTTP_CLIENT = "tenant HTTP client";

	static final String OTHER_JVM = "other JVM (GC, JIT)";

	static final String POSTGRES = "PostgreSQL";

	private CpuMeter() {
	}

	/** CPU nanoseconds used so far, by part. */
	static Map<String, Long> now() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> used = new LinkedHashMap<>();
		used.put(JOB_EXECUTOR, 0L);
		used.put(SIMULATOR, 0L);
		used.put(DRIVER, 0L);
		used.put(HTTP_CLIENT, 0L);
		long named = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info == null) {
				continue;
			}
			long nanos = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			String group = group(info.getThreadName());
			if (group != null) {
				used.merge(group, nanos, Long::sum);
				named += nanos;
			}
		}
		long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		used.put(OTHER_JVM, Math.max(0, process - named));
		used.put(POSTGRES, postgresNanos());
		return used;
	}

	/** Milliseconds of CPU per case between two readings, by part, e.g. "job executor 41, simulated tenant 30, ...". */
	static String perCase(Map<String, Long> before, Map<String, Long> after, int cases) {
		StringBuilder text = new StringBuilder();
		long total = 0;
		for (Map.Entry<String, Long> part : after.entrySet()) {
			long nanos = part.getValue() - before.getOrDefault(part.getKey(), 0L);
			total += nanos;
			text.append(String.format(Locale.ROOT, "%s %.1f, ", part.getKey(), nanos / 1e6 / cases));
		}
		return text.append(String.format(Locale.ROOT, "total %.1f", total / 1e6 / cases)).toString();
	}

	private static String group(String thread) {
		if (thread.startsWith("camundaTaskExecutor") || thread.startsWith("JobExecutor[")) {
			return JOB_EXECUTOR;
		}
		if (thread.startsWith("http-nio")) {
			return SIMULATOR;
		}
		if (thread.startsWith("HttpClient-")) {
			return HTTP_CLIENT;
		}
		if (thread.equals("main") || thread.startsWith("benchmark-")) {
			return DRIVER;
		}
		return null;
	}

	/** User and system time of every process called postgres (the embedded server and its backends), Linux only. */
	private static long postgresNanos() {
		long ticks = 0;
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
					// After the command: state(0) ... utime(11) stime(12), in clock ticks of 10 ms.
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				}
				catch (IOException | RuntimeException ex) {
					// The process ended while being read.
				}
			}
		}
		catch (IOException ex) {
			return 0;
		}
		return ticks * 10_000_000L;
	}

}
