package org.soc.runbook.preflight;

import java.util.List;
import java.util.Locale;

/**
 * What the preflight found, in order.
 *
 * @param tenant the tenant checked
 * @param cloud its Microsoft cloud
 * @param findings one per check
 */
public record PreflightReport(String tenant, String cloud, List<Finding> findings) {

	/** Whether nothing needed is missing. */
	public boolean ready() {
		return this.findings.stream().noneMatch((finding) -> finding.status() == Finding.Status.MISSING);
	}

	/** The report as the command prints it: a line per check, its fix below, a verdict last. */
	public String text() {
		StringBuilder out = new StringBuilder("Preflight of tenant ").append(this.tenant)
			.append(" (")
			.append(this.cloud)
			.append(" cloud), read-only\n\n");
		for (Finding finding : this.findings) {
			out.append(String.format(Locale.ROOT, "%-8s %-50s %s%n", finding.status(), finding.check(),
					finding.detail()));
			if (finding.fix() != null) {
				out.append(String.format(Locale.ROOT, "%-8s %-50s fix: %s%n", "", "", finding.fix()));
			}
		}
		long missing = count(Finding.Status.MISSING);
		out.append('\n')
			.append(ready() ? "Ready: nothing needed is missing" : missing + " needed thing(s) missing: not ready")
			.append(" (").append(count(Finding.Status.ADVICE)).append(" advice, ")
			.append(count(Finding.Status.UNKNOWN)).append(" not checkable here).\n");
		return out.toString();
	}

	private long count(Finding.Status status) {
		return this.findings.stream().filter((finding) -> finding.status() == status).count();
	}

}
