package org.soc.runbook.cases;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.soc.runbook.tenant.TenantDryRun;
import org.soc.runbook.tenant.TenantDryRun.WouldBeRequest;

/**
 * A step's changes to the tenant, sent, or in a dry run recorded instead: the requests they would have sent go into
 * {@link CaseVariables#WOULD_BE_CHANGE}, whose every value history keeps, so the audit timeline lists each would-be
 * change step by step. The steps call {@link #apply} around their tenant writes and say "not sent" in their own
 * result when it returns false.
 */
public final class DryRun {

	/** {@link CaseVariables#RUN_MODE} of a dry run. */
	public static final String NOTICE = "DRY RUN: nothing is changed in the tenant. Reads are real (evidence, review "
			+ "and approval are as they would be); every change is recorded in the case's history instead of sent, "
			+ "and the case ends as dry run complete.";

	/** {@link CaseVariables#RUN_MODE} of a live mailbox case. */
	public static final String LIVE = "Live: the runbook changes the tenant (password, sessions, MFA, rules, "
			+ "forwarding, unblock).";

	/** {@link CaseVariables#RUN_MODE} of a live connector case: it changes no setting of the connector. */
	public static final String LIVE_CONNECTOR = "Live: once a release is approved, the runbook asks Microsoft to "
			+ "unblock the connector. It changes none of the connector's settings: reverting a change is the "
			+ "administrator's work in Exchange.";

	/** The word a step's result carries when its change was not sent. */
	public static final String NOT_SENT = "not sent (dry run)";

	private DryRun() {
	}

	/**
	 * A notice about the case as its receiver must read it: in a dry run it starts with {@code [DRY RUN]} and the
	 * facts say {@code dryRun}, so a rehearsal never reads like the real thing.
	 */
	public static String labelled(DelegateExecution execution, String summary, Map<String, Object> facts) {
		if (!of(execution)) {
			return summary;
		}
		facts.put("dryRun", true);
		return "[DRY RUN] " + summary;
	}

	/** Whether the case is a dry run. */
	public static boolean of(DelegateExecution execution) {
		return CaseContext.of(execution).dryRun();
	}

	/** Sends the changes, or in a dry run records them; true when they were sent. */
	public static boolean apply(DelegateExecution execution, Runnable changes) {
		if (!of(execution)) {
			changes.run();
			return true;
		}
		List<WouldBeRequest> wouldBe = TenantDryRun.record(changes);
		if (!wouldBe.isEmpty()) {
			CaseContext.of(execution)
				.setWouldBeChange(wouldBe.stream().map(WouldBeRequest::line).collect(Collectors.joining("\n")));
		}
		return false;
	}

}
