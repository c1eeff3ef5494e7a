package org.soc.runbook.remediation;

import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.TenantException;
import org.soc.runbook.tenant.TenantForbiddenException;
import org.soc.runbook.cases.DryRun;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_EnforceMfa}: requires MFA at the user's next sign-in, by the configured strategy: the per-user MFA
 * state (a beta API), or membership of the group a Conditional Access policy targets. A refusal for permission or
 * licence does not stop the case: the reviewer sees that MFA is not enforced and decides.
 */
@Component
class EnforceMfaDelegate implements JavaDelegate {

	private final GraphClient graph;

	private final RemediationProperties properties;

	/** The MFA group's name, read once per node: people read names, and the group's rarely changes. */
	private final AtomicReference<String> groupName = new AtomicReference<>();

	EnforceMfaDelegate(GraphClient graph, RemediationProperties properties) {
		this.graph = graph;
		this.properties = properties;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String userId = context.userId();
		String outcome;
		try {
			if (RemediationProperties.MFA_GROUP.equals(this.properties.mfaStrategy())) {
				boolean sent = DryRun.apply(execution,
						() -> this.graph.addGroupMember(this.properties.mfaGroupId(), userId));
				outcome = (sent ? "Added" : "Would be added (" + DryRun.NOT_SENT + ")")
						+ " to the Conditional Access MFA group " + groupLabel() + ".";
			}
			else {
				String before = this.graph.getPerUserMfaState(userId);
				if ("enforced".equals(before)) {
					outcome = "Per-user MFA was already enforced.";
				}
				else {
					boolean sent = DryRun.apply(execution, () -> this.graph.setPerUserMfaState(userId, "enforced"));
					outcome = "Per-user MFA " + (sent ? "set" : "would be set (" + DryRun.NOT_SENT + ")")
							+ " to enforced (was " + before + ").";
				}
			}
		}
		catch (TenantForbiddenException ex) {
			outcome = "MFA NOT enforced: " + Text.line(ex.getMessage(), 300);
		}
		context.setMfaOutcome(outcome);
	}

	/** "'CA - Require MFA' (5b0c...)": the group by name and id; the id alone when its name cannot be read. */
	private String groupLabel() {
		String id = this.properties.mfaGroupId();
		String name = this.groupName.get();
		if (name == null) {
			try {
				name = this.graph.groupName(id).orElse(null);
			}
			catch (TenantException unreadable) {
				// The group's name is for people; the id still says which group it is.
				name = null;
			}
			if (name != null) {
				this.groupName.set(name);
			}
		}
		return (name != null && !name.isBlank()) ? "'" + Text.line(name, 120) + "' (" + id + ")" : id;
	}

}
