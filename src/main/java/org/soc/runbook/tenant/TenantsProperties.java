package org.soc.runbook.tenant;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The customers' Microsoft 365 tenants one deployment serves, {@code runbook.tenants.<key>.*}: a managed security
 * provider's list. Empty (the default), the deployment serves the one tenant of {@code runbook.tenant.*}, as it always
 * has. Each entry needs only its {@code tenant-id}; every connection setting it leaves out is taken from
 * {@code runbook.tenant.*}, so one multi-tenant app registration consented in every customer's tenant is set once.
 *
 * @param tenants the tenants by key: the Camunda tenant id of their cases, in their business keys, log lines and
 * metric labels ({@code contoso}); lower-case letters, digits and hyphens
 */
@ConfigurationProperties("runbook")
public record TenantsProperties(Map<String, Entry> tenants) {

	public TenantsProperties {
		tenants = (tenants != null) ? Map.copyOf(tenants) : Map.of();
	}

	/**
	 * One customer's tenant.
	 *
	 * @param name the name people read in Tasklist, the audit page and notifications ({@code Contoso Ltd}); the key
	 * when unset
	 * @param tenantId the Entra tenant: its GUID or its {@code *.onmicrosoft.com} domain (required)
	 * @param clientId the app registration's client id in this tenant; {@code runbook.tenant.client-id} when unset
	 * @param clientSecret the app's client secret for this tenant; never logged or shown
	 * @param certificateFile instead of a secret: the app's certificate with its private key (PKCS#12 or PEM)
	 * @param certificatePassword the PKCS#12 file's password; never logged or shown
	 * @param managedIdentity instead of a secret or certificate: {@code system} or a user-assigned identity's client id
	 * @param cloud the tenant's Microsoft cloud ({@code global}, {@code usgov}, {@code usgovdod}, {@code china})
	 * @param authority the identity platform host; the cloud's when unset
	 * @param graphUrl Graph's host; the cloud's when unset
	 * @param exchangeUrl the Exchange Online admin API host; the cloud's when unset
	 * @param pollInterval how often this tenant's blocked lists are read, a multiple of
	 * {@code runbook.detection.poll-cycle}'s period; every poll when unset
	 * @param mfaStrategy how MFA is enforced in this tenant ({@code group} or {@code per-user});
	 * {@code runbook.remediation.mfa-strategy} when unset
	 * @param mfaGroupId the group a Conditional Access policy requiring MFA targets in this tenant
	 * @param webhookUrl the incoming webhook (Teams, Slack) this tenant's escalations and incidents go to, besides
	 * the deployment's own; none when unset
	 * @param dryRun true: a new customer's cases change nothing in its tenant (dry run) while the others run live
	 * @param users the Camunda users who serve this tenant (its analysts, approvers, helpdesk)
	 * @param groups the Camunda groups whose members serve this tenant
	 */
	public record Entry(String name, String tenantId, String clientId, String clientSecret, Path certificateFile,
			String certificatePassword, String managedIdentity, MicrosoftCloud cloud, URI authority, URI graphUrl,
			URI exchangeUrl, Duration pollInterval, String mfaStrategy, String mfaGroupId, URI webhookUrl,
			boolean dryRun, List<String> users, List<String> groups) {

		public Entry {
			users = (users != null) ? List.copyOf(users) : List.of();
			groups = (groups != null) ? List.copyOf(groups) : List.of();
		}

		/** Keeps the secrets out of logs, failure analyses and actuator output. */
		@Override
		public String toString() {
			return "Entry[name=" + this.name + ", tenantId=" + this.tenantId + ", clientId=" + this.clientId
					+ ", clientSecret=" + ((this.clientSecret == null || this.clientSecret.isEmpty()) ? "<none>"
							: "<hidden>")
					+ ", certificateFile=" + this.certificateFile + ", managedIdentity=" + this.managedIdentity
					+ ", cloud=" + this.cloud + ", dryRun=" + this.dryRun + "]";
		}

	}

}
