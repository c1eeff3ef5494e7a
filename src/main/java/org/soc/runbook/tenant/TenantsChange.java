package org.soc.runbook.tenant;

import java.util.List;
import java.util.Map;

/**
 * What one reading of the tenants file changed ({@link RunbookTenants#reconfigure}); published as an application
 * event when anything did, for those who keep something per tenant (memberships, Tasklist queues, metrics).
 *
 * @param added tenants served from now on (and one served again after it had begun to retire)
 * @param changed tenants whose settings changed: their next calls use clients built on the new settings
 * @param removed tenants no longer served, none of their cases open
 * @param retiring tenants removed from the file just now whose cases are still open: not polled, no new cases,
 * removed at the first look at the file after their last case closed
 * @param notApplied by key, why a tenant's changed settings were not applied (it keeps its old ones)
 */
public record TenantsChange(List<RunbookTenant> added, List<RunbookTenant> changed, List<RunbookTenant> removed,
		List<RunbookTenant> retiring, Map<String, String> notApplied) {

	public TenantsChange {
		added = List.copyOf(added);
		changed = List.copyOf(changed);
		removed = List.copyOf(removed);
		retiring = List.copyOf(retiring);
		notApplied = Map.copyOf(notApplied);
	}

	/** True when the tenants served are what they were. */
	public boolean none() {
		return this.added.isEmpty() && this.changed.isEmpty() && this.removed.isEmpty() && this.retiring.isEmpty()
				&& this.notApplied.isEmpty();
	}

	/** One line for the log: what was added, changed, removed, retires and was not applied. */
	public String describe() {
		return "added " + keys(this.added) + ", changed " + keys(this.changed) + ", removed " + keys(this.removed)
				+ ", retiring with open cases " + keys(this.retiring)
				+ (this.notApplied.isEmpty() ? "" : ", not applied " + this.notApplied);
	}

	private static String keys(List<RunbookTenant> tenants) {
		return tenants.isEmpty() ? "none" : String.join(" ", tenants.stream().map(RunbookTenant::key).toList());
	}

}
