package org.soc.runbook.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One Microsoft 365 tenant the deployment serves, as the runbook knows it: its key, its name for people, how to
 * reach it and what it does differently from the deployment's defaults.
 *
 * @param key the tenant's key: in business keys, log lines and metric labels; {@link #SINGLE} for the one tenant of
 * a deployment configured under {@code runbook.tenant.*} only
 * @param camundaTenantId the Camunda tenant id of its cases, tasks and history; null for the single tenant, whose
 * cases belong to no Camunda tenant, as they always have
 * @param name the name people read
 * @param connection how to reach it (ids, credential, cloud, hosts, timeouts)
 * @param pollInterval how often its blocked lists are read; null: at every poll
 * @param mfaStrategy how MFA is enforced there; null: the deployment's setting
 * @param mfaGroupId the group a Conditional Access policy requiring MFA targets there; null: the deployment's
 * @param webhookUrl its own notification channel besides the deployment's; null: none
 * @param dryRun true: its cases change nothing in the tenant
 * @param users the Camunda users who serve it
 * @param groups the Camunda groups whose members serve it
 */
public record RunbookTenant(String key, String camundaTenantId, String name, TenantProperties connection,
		Duration pollInterval, String mfaStrategy, String mfaGroupId, URI webhookUrl, boolean dryRun,
		List<String> users, List<String> groups) {

	/** The key of the one tenant of a deployment that configures {@code runbook.tenant.*} only. */
	public static final String SINGLE = "default";

	/** What a key may be: it is a Camunda tenant id, a path segment and a metric label. */
	static final Pattern KEY = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

	/** The one tenant of {@code runbook.tenant.*}: no Camunda tenant, nothing different from the defaults. */
	static RunbookTenant single(TenantProperties connection) {
		return new RunbookTenant(SINGLE, null, connection.tenantId(), connection, null, null, null, null, false,
				List.of(), List.of());
	}

	/** A customer's tenant of {@code runbook.tenants.<key>}; a clear error when its key or its tenant id is unusable. */
	static RunbookTenant of(String key, TenantsProperties.Entry entry, TenantProperties shared) {
		if (key == null || !KEY.matcher(key).matches() || SINGLE.equals(key)) {
			throw new IllegalStateException("runbook.tenants." + key + ": a tenant's key is 1 to 40 lower-case letters, "
					+ "digits and inner hyphens, and not '" + SINGLE + "' (it becomes the Camunda tenant id of its cases)");
		}
		if (entry.tenantId() == null || entry.tenantId().isBlank()) {
			throw new IllegalStateException("runbook.tenants." + key + ".tenant-id is required: the Entra tenant's "
					+ "GUID or its *.onmicrosoft.com domain");
		}
		String name = (entry.name() != null && !entry.name().isBlank()) ? entry.name().trim() : key;
		return new RunbookTenant(key, key, name, shared.forEntry(entry), entry.pollInterval(), entry.mfaStrategy(),
				entry.mfaGroupId(), entry.webhookUrl(), entry.dryRun(), entry.users(), entry.groups());
	}

	/**
	 * The business key of an entity's case in this tenant: {@code <key>/<type>:<id>}, or {@code <type>:<id>} for the
	 * single tenant, whose keys stay as they were (its open cases, decisions and repeat counts carry on).
	 */
	public String businessKey(String entityKey) {
		return (this.camundaTenantId == null) ? entityKey : this.key + "/" + entityKey;
	}

	/**
	 * The Camunda tenant id a business key names: {@code contoso} of {@code contoso/mailbox:adele@contoso.com}, null
	 * of {@code mailbox:adele@contoso.com} (the single tenant's). Only what precedes the entity type counts: an address
	 * may hold a slash of its own.
	 */
	public static String camundaTenantOf(String businessKey) {
		if (businessKey == null) {
			return null;
		}
		int colon = businessKey.indexOf(':');
		int slash = businessKey.indexOf('/');
		return (slash > 0 && colon > slash) ? businessKey.substring(0, slash) : null;
	}

	/** The MFA strategy here: this tenant's, or the deployment's. */
	public String mfaStrategy(String deployment) {
		return (this.mfaStrategy != null && !this.mfaStrategy.isBlank()) ? this.mfaStrategy : deployment;
	}

	/** The MFA group here: this tenant's, or the deployment's. */
	public String mfaGroupId(String deployment) {
		return (this.mfaGroupId != null && !this.mfaGroupId.isBlank()) ? this.mfaGroupId : deployment;
	}

	@Override
	public String toString() {
		return "RunbookTenant[" + this.key + ", " + this.connection.tenantId() + "]";
	}

}
