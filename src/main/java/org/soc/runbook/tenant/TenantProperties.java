package org.soc.runbook.tenant;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How to reach the Microsoft 365 tenant. In the demo the endpoints are replaced by the simulator's; in production
 * they stay at Microsoft's public cloud defaults and the identity comes from environment variables.
 *
 * @param tenantId the Entra tenant: its GUID or its {@code *.onmicrosoft.com} domain
 * @param clientId the application (client) id of the app registration the runbook signs in as
 * @param clientSecret the app registration's client secret; never logged, never shown (see {@link #toString()})
 * @param authority the identity platform host that issues tokens; the cloud's unless set
 * @param graphUrl Microsoft Graph's host, the cloud's unless set; {@code /v1.0} and {@code /beta} are appended per call
 * @param exchangeUrl the Exchange Online admin API host, the cloud's unless set;
 * {@code /adminapi/beta/{tenant}/InvokeCommand} is appended
 * @param graphScope the scope asked for a Graph token (one resource per token); the cloud's Graph host's unless set
 * @param exchangeScope the scope asked for an Exchange Online token; the cloud's unless set
 * @param connectTimeout how long to wait for a TCP connection to any of the three hosts
 * @param readTimeout how long to wait for an answer once connected; a slower answer counts as transient
 * @param maxInlineRetryWait the longest Retry-After the client waits for in place; a longer one is handed to the
 * caller (the job is rescheduled instead of holding a job-executor thread)
 * @param maxAttempts how many times one call is sent at most when the tenant throttles briefly
 * @param throttleBackoff the wait after a 429 that names no Retry-After (Identity Protection sends none)
 * @param exchangePageSize the page size asked of Exchange Online ({@code Prefer: odata.maxpagesize})
 * @param maxAnswerSize the largest answer read from the tenant; a larger one is refused whole, never read into memory
 * @param maxPages the most pages of one list that are followed ({@code @odata.nextLink}); 10,000 blocked senders are
 * 10 pages of Exchange Online's 1,000
 * @param cloud the Microsoft cloud of the tenant ({@code global}, {@code usgov}, {@code usgovdod}, {@code china}): one
 * setting gives the three hosts and the two scopes their documented values there
 * @param certificateFile instead of a client secret: the app registration's certificate with its private key, a
 * PKCS#12 file ({@code .p12}, {@code .pfx}) or a PEM file (unencrypted PKCS#8 key and certificate)
 * @param certificatePassword the PKCS#12 file's password; never logged, never shown
 * @param managedIdentity instead of a secret or a certificate, where the node runs in Azure: {@code system} for the
 * resource's system-assigned identity, or a user-assigned identity's client id
 */
@ConfigurationProperties("runbook.tenant")
public record TenantProperties(String tenantId, String clientId, String clientSecret, URI authority, URI graphUrl,
		URI exchangeUrl, String graphScope, String exchangeScope,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("10s") Duration maxInlineRetryWait, @DefaultValue("3") int maxAttempts,
		@DefaultValue("2s") Duration throttleBackoff,
		@DefaultValue("1000") int exchangePageSize, @DefaultValue("16MB") DataSize maxAnswerSize,
		@DefaultValue("200") int maxPages, @DefaultValue("global") MicrosoftCloud cloud, Path certificateFile,
		String certificatePassword, String managedIdentity) {

	/** The hosts and scopes not set one by one are the cloud's. */
	public TenantProperties {
		cloud = (cloud != null) ? cloud : MicrosoftCloud.GLOBAL;
		authority = (authority != null) ? authority : cloud.authority();
		graphUrl = (graphUrl != null) ? graphUrl : cloud.graph();
		exchangeUrl = (exchangeUrl != null) ? exchangeUrl : cloud.exchange();
		graphScope = (graphScope != null && !graphScope.isBlank()) ? graphScope : cloud.graphScope();
		exchangeScope = (exchangeScope != null && !exchangeScope.isBlank()) ? exchangeScope : cloud.exchangeScope();
	}

	/**
	 * One customer's connection: its tenant and credential from the entry, everything the entry leaves out from these
	 * settings. A credential named in the entry replaces the shared one whole (a secret here and a certificate there
	 * would be two). A cloud named in the entry brings that cloud's hosts unless the entry names hosts too.
	 */
	TenantProperties forEntry(TenantsProperties.Entry entry) {
		boolean ownCredential = present(entry.clientSecret()) || entry.certificateFile() != null
				|| present(entry.managedIdentity());
		MicrosoftCloud entryCloud = (entry.cloud() != null) ? entry.cloud() : this.cloud;
		boolean sameCloud = entryCloud == this.cloud;
		return new TenantProperties(entry.tenantId(), present(entry.clientId()) ? entry.clientId() : this.clientId,
				ownCredential ? entry.clientSecret() : this.clientSecret,
				(entry.authority() != null) ? entry.authority() : sameCloud ? this.authority : null,
				(entry.graphUrl() != null) ? entry.graphUrl() : sameCloud ? this.graphUrl : null,
				(entry.exchangeUrl() != null) ? entry.exchangeUrl() : sameCloud ? this.exchangeUrl : null,
				sameCloud ? this.graphScope : null, sameCloud ? this.exchangeScope : null, this.connectTimeout,
				this.readTimeout, this.maxInlineRetryWait, this.maxAttempts, this.throttleBackoff,
				this.exchangePageSize, this.maxAnswerSize, this.maxPages, entryCloud,
				ownCredential ? entry.certificateFile() : this.certificateFile,
				ownCredential ? entry.certificatePassword() : this.certificatePassword,
				ownCredential ? entry.managedIdentity() : this.managedIdentity);
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	/** Keeps the client secret out of logs, failure analyses and actuator output. */
	@Override
	public String toString() {
		return "TenantProperties[cloud=" + this.cloud + ", tenantId=" + this.tenantId + ", clientId=" + this.clientId
				+ ", clientSecret="
				+ ((this.clientSecret == null || this.clientSecret.isEmpty()) ? "<none>" : "<hidden>")
				+ ", certificateFile=" + this.certificateFile + ", certificatePassword="
				+ ((this.certificatePassword == null || this.certificatePassword.isEmpty()) ? "<none>" : "<hidden>")
				+ ", managedIdentity=" + this.managedIdentity + ", authority="
				+ this.authority + ", graphUrl=" + this.graphUrl + ", exchangeUrl=" + this.exchangeUrl + "]";
	}

}
