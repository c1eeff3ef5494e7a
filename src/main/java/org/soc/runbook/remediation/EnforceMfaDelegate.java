package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TenantClients;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.Tenants;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private final Tenants tenants;

	private final RemediationProperties properties;

	/** The MFA group's name, read once per node: people read names, and the group's rarely changes. */
	/** Group names by id (each tenant has its own group): read once, they are only for people. */
	private final Map<String, String> groupNames = new ConcurrentHashMap<>();

	EnforceMfaDelegate(Tenants tenants, RemediationProperties properties) {
		this.tenants = tenants;
		this.properties = properties;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String userId = context.userId();
		// Each customer's tenant has its own way to enforce MFA, and its own group for it.
		TenantClients clients = this.tenants.clients(execution.getTenantId());
		GraphClient graph = clients.graph();
		String outcome;
		try {
			if (RemediationProperties.MFA_GROUP.equals(clients.tenant().mfaStrategy(this.properties.mfaStrategy()))) {
				String groupId = clients.tenant().mfaGroupId(this.properties.mfaGroupId());
				boolean sent = DryRun.apply(execution, () -> graph.addGroupMember(groupId, userId));
				outcome = (sent ? "Added" : "Would be added (" + DryRun.NOT_SENT + ")")
						+ " to the Conditional Access MFA group " + groupLabel(graph, groupId) + ".";
			}
			else {
				String before = graph.getPerUserMfaState(userId);
				if ("enforced".equals(before)) {
					outcome = "Per-user MFA was already enforced.";
				}
				else {
					boolean sent = DryRun.apply(execution, () -> graph.setPerUserMfaState(userId, "enforced"));
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
	private String groupLabel(GraphClient graph, String id) {
		String name = this.groupNames.get(id);
		if (name == null) {
			try {
				name = graph.groupName(id).orElse(null);
			}
			catch (TenantException unreadable) {
				// The group's name is for people; the id still says which group it is.
				name = null;
			}
			if (name != null) {
				this.groupNames.put(id, name);
			}
		}
		return (name != null && !name.isBlank()) ? "'" + Text.line(name, 120) + "' (" + id + ")" : id;
	}

}
