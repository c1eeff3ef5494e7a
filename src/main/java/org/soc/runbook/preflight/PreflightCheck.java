package org.soc.runbook.preflight;

import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantClients;
import org.soc.runbook.tenant.Tenants;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import org.soc.runbook.detection.DetectionProperties;
import org.soc.runbook.escalation.NotificationProperties;
import org.soc.runbook.remediation.RemediationProperties;
import org.soc.runbook.tenant.TenantException;
import org.soc.runbook.tenant.TenantForbiddenException;
import org.soc.runbook.tenant.exchange.AlertPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;

/**
 * Checks, before going live and without changing anything, what the runbook needs from the tenant and around it:
 * both tokens, the app's Graph permissions and Exchange Online role, the two Defender alert policies the detection
 * relies on (on, and telling someone), unified audit logging, the MFA strategy, and the notification channels. Each
 * finding says what to do when something is missing. Only reads: Graph and Exchange reads, token requests, a TCP
 * connection to the webhook's host and an SMTP handshake.
 */
@Service
public class PreflightCheck {

	/** Microsoft Graph's application id, the {@code --api} of a Graph permission. */
	static final String GRAPH_APP = "00000003-0000-0000-c000-000000000000";

	/** The alert policies whose alerts the detection reads, by the names Defender gives them. */
	static final List<String> ALERT_POLICIES = List.of("User restricted from sending email",
			"Suspicious connector activity");

	private final RunbookTenants tenants;

	private final RemediationProperties remediation;

	private final DetectionProperties detection;

	private final NotificationProperties notification;

	private final ObjectProvider<JavaMailSender> mail;

	PreflightCheck(RunbookTenants tenants, RemediationProperties remediation, DetectionProperties detection,
			NotificationProperties notification, ObjectProvider<JavaMailSender> mail) {
		this.tenants = tenants;
		this.remediation = remediation;
		this.detection = detection;
		this.notification = notification;
		this.mail = mail;
	}

	/** Runs every check for every tenant, in key order; never throws for what a tenant answers. */
	public List<PreflightReport> run() {
		List<PreflightReport> reports = new ArrayList<>();
		for (RunbookTenant tenant : this.tenants.all()) {
			try {
				reports.add(run(this.tenants.clientsOf(tenant)));
			}
			catch (Tenants.UnknownTenantException ex) {
				reports.add(new PreflightReport(tenant.connection().tenantId(),
						tenant.connection().cloud().name().toLowerCase(Locale.ROOT),
						List.of(Finding.missing("Clients", ex.getMessage(), "mend runbook.tenants." + tenant.key()
								+ " and restart"))));
			}
		}
		return reports;
	}

	/** Runs every check for one tenant. */
	PreflightReport run(TenantClients c) {
		List<Finding> findings = new ArrayList<>();
		Token graphToken = token(c, "Token for Microsoft Graph", c.tokens()::graphRoles, findings);
		if (graphToken.issued()) {
			graphToken.roles()
				.ifPresentOrElse((roles) -> findings.addAll(graphPermissions(c, roles)),
						() -> findings.add(unreadable("Graph permissions")));
		}
		Token exchangeToken = token(c, "Token for Exchange Online", c.tokens()::exchangeRoles, findings);
		if (exchangeToken.issued()) {
			exchangeToken.roles()
				.ifPresentOrElse((roles) -> findings.add(roles.contains("Exchange.ManageAsApp")
						? Finding.ok("Exchange.ManageAsApp permission", "granted")
						: Finding.missing("Exchange.ManageAsApp permission", "not in the Exchange Online token",
								"grant Office 365 Exchange Online > Exchange.ManageAsApp (application) with admin "
										+ "consent (README: Entra app registration)")),
						() -> findings.add(unreadable("Exchange.ManageAsApp permission")));
			findings.add(auditLog(c));
			ALERT_POLICIES.forEach((name) -> findings.add(alertPolicy(c, name)));
		}
		if (graphToken.issued()) {
			findings.add(mfa(c));
		}
		findings.add(webhook());
		findings.add(smtp());
		return new PreflightReport(c.tenant().connection().tenantId(), c.tenant().connection().cloud().name().toLowerCase(Locale.ROOT),
				List.copyOf(findings));
	}

	/** Asks for a token; the finding says whether one was issued. */
	private Token token(TenantClients c, String check, Supplier<Optional<List<String>>> roles, List<Finding> findings) {
		try {
			Optional<List<String>> granted = roles.get();
			findings.add(Finding.ok(check, "issued to app " + c.tenant().connection().clientId()));
			return new Token(true, granted);
		}
		catch (TenantException ex) {
			findings.add(Finding.missing(check, ex.getMessage(), "check RUNBOOK_TENANT_ID, RUNBOOK_CLIENT_ID and "
					+ "the credential (certificate, secret or managed identity), and that the app is registered in "
					+ "the " + c.tenant().connection().cloud().name().toLowerCase(Locale.ROOT) + " cloud"));
			return new Token(false, Optional.empty());
		}
	}

	/** A token whose permissions cannot be read here (not a JWT): said once, not guessed. */
	private static Finding unreadable(String check) {
		return Finding.unknown(check, "the token's permissions are not readable here",
				"compare the app's API permissions in the Entra admin center with the README's list");
	}

	/** Whether a token was issued, and the permissions it carries when readable. */
	private record Token(boolean issued, Optional<List<String>> roles) {
	}

	private List<Finding> graphPermissions(TenantClients c, List<String> granted) {
		List<Finding> findings = new ArrayList<>();
		Map<String, String> needed = new LinkedHashMap<>();
		needed.put("User.ReadWrite.All", "password reset");
		needed.put("User.RevokeSessions.All", "session revocation");
		needed.put("MailboxSettings.ReadWrite", "inbox rules");
		if (RemediationProperties.MFA_GROUP.equals(c.tenant().mfaStrategy(this.remediation.mfaStrategy()))) {
			needed.put("GroupMember.ReadWrite.All", "adding the user to the MFA group");
		}
		else {
			needed.put("Policy.ReadWrite.AuthenticationMethod", "per-user MFA");
		}
		if (this.detection.alertsEnabled()) {
			needed.put("SecurityAlert.ReadWrite.All", "Defender alerts, read and told the outcome (runbook.detection.alerts-enabled)");
		}
		List<String> missing = needed.keySet().stream().filter((role) -> !granted.contains(role)).toList();
		boolean methods = granted.contains("UserAuthenticationMethod.ReadWrite.All")
				|| granted.contains("UserAuthenticationMethod.Read.All");
		if (!methods) {
			missing = new ArrayList<>(missing);
			missing.add("UserAuthenticationMethod.ReadWrite.All");
		}
		findings.add(missing.isEmpty()
				? Finding.ok("Graph permissions the runbook needs", String.join(", ", needed.keySet()))
				: Finding.missing("Graph permissions the runbook needs", "missing " + String.join(", ", missing),
						grant(c, missing)));
		List<String> advised = new ArrayList<>();
		if (!granted.contains("UserAuthenticationMethod.ReadWrite.All")) {
			advised.add("UserAuthenticationMethod.ReadWrite.All (the helpdesk's Temporary Access Pass)");
		}
		if (!granted.contains("AuditLog.Read.All")) {
			advised.add("AuditLog.Read.All (sign-ins in the evidence)");
		}
		if (!granted.contains("IdentityRiskyUser.ReadWrite.All")) {
			advised.add("IdentityRiskyUser.ReadWrite.All (risk in the evidence)");
		}
		if (!this.detection.alertsEnabled() && !granted.contains("SecurityAlert.ReadWrite.All")) {
			advised.add("SecurityAlert.ReadWrite.All (Defender alerts as a second signal)");
		}
		findings.add(advised.isEmpty() ? Finding.ok("Graph permissions that add evidence", "all granted")
				: Finding.advice("Graph permissions that add evidence", "not granted: " + String.join("; ", advised),
						grant(c, advised.stream().map((role) -> role.substring(0, role.indexOf(' '))).toList())));
		return findings;
	}

	/** The Azure CLI commands that grant the Graph permissions (the README's, for these ones). */
	private static String grant(TenantClients c, List<String> roles) {
		String permission = (roles.size() == 1) ? roles.get(0) : "<permission>";
		return ((roles.size() == 1) ? "" : "for each of " + String.join(", ", roles) + ": ")
				+ "az ad app permission add --id " + c.tenant().connection().clientId() + " --api " + GRAPH_APP
				+ " --api-permissions \"$(az ad sp show --id " + GRAPH_APP + " --query \"appRoles[?value=='"
				+ permission + "'].id\" -o tsv)=Role\"; then az ad app permission admin-consent --id "
				+ c.tenant().connection().clientId();
	}

	private static Finding auditLog(TenantClients c) {
		String check = "Exchange Online role and unified audit log";
		try {
			Optional<Boolean> enabled = c.exchange().unifiedAuditLogEnabled();
			if (enabled.isEmpty()) {
				return Finding.unknown(check, "Get-AdminAuditLogConfig did not say whether auditing is on",
						"check Audit in the Microsoft Purview portal");
			}
			return enabled.get() ? Finding.ok(check, "the app's Exchange role answers; unified audit logging is on")
					: Finding.missing(check, "unified audit logging is off: the connector evidence cannot say who "
							+ "changed a connector", "in Exchange Online PowerShell: Set-AdminAuditLogConfig "
									+ "-UnifiedAuditLogIngestionEnabled $true (takes up to an hour)");
		}
		catch (TenantForbiddenException ex) {
			return Finding.missing(check, "Exchange Online refused the app: " + ex.getMessage(),
					"give the app's service principal the Exchange Administrator role (or a custom role group "
							+ "with the unblock, inbox rule, connector and audit log cmdlets)");
		}
		catch (TenantException ex) {
			return Finding.unknown(check, ex.getMessage(), "try again; check Exchange Online's service health");
		}
	}

	private static Finding alertPolicy(TenantClients c, String name) {
		String check = "Alert policy '" + name + "'";
		String fix = "Microsoft Defender portal > Email & collaboration > Policies & rules > Alert policy: turn on '"
				+ name + "' and set who is notified";
		try {
			Optional<AlertPolicy> policy = c.exchange().getAlertPolicy(name);
			if (policy.isEmpty()) {
				return Finding.missing(check, "not found", fix);
			}
			if (policy.get().disabled()) {
				return Finding.missing(check, "turned off", fix);
			}
			return Finding.ok(check, "on; notifies "
					+ (policy.get().notifyUser().isEmpty() ? "nobody: set who is notified"
							: String.join(", ", policy.get().notifyUser())));
		}
		catch (TenantException ex) {
			// Get-ProtectionAlert belongs to Security & Compliance PowerShell; the admin API may not serve it.
			return Finding.unknown(check, "could not be read: " + ex.getMessage(), fix);
		}
	}

	private Finding mfa(TenantClients c) {
		if (!RemediationProperties.MFA_GROUP.equals(c.tenant().mfaStrategy(this.remediation.mfaStrategy()))) {
			return Finding.advice("MFA strategy", "per-user MFA through Graph's beta API",
					"Microsoft recommends Conditional Access: create a policy requiring MFA for a group and set "
							+ "RUNBOOK_MFA_STRATEGY=group, RUNBOOK_MFA_GROUP_ID=<its object id>");
		}
		try {
			Optional<String> group = c.graph().groupName(c.tenant().mfaGroupId(this.remediation.mfaGroupId()));
			return group
				.map((name) -> Finding.ok("MFA group", "'" + name + "' (" + c.tenant().mfaGroupId(this.remediation.mfaGroupId()) + ")"))
				.orElseGet(() -> Finding.missing("MFA group", "no group has the id " + c.tenant().mfaGroupId(this.remediation.mfaGroupId()),
						"set RUNBOOK_MFA_GROUP_ID to the object id of the group your Conditional Access MFA policy "
								+ "targets"));
		}
		catch (TenantException ex) {
			return Finding.missing("MFA group", "could not be read: " + ex.getMessage(),
					"grant GroupMember.ReadWrite.All (README: Entra app registration)");
		}
	}

	private Finding webhook() {
		URI url = this.notification.webhookUrl();
		if (url == null) {
			return Finding.advice("Chat channel (webhook)", "none set: escalations reach Tasklist and e-mail only",
					"set RUNBOOK_WEBHOOK_URL to a Teams or Slack incoming webhook");
		}
		int port = (url.getPort() > 0) ? url.getPort() : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
		// The URL is the webhook's credential: only its host is ever shown, and nothing is posted.
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(url.getHost(), port), (int) this.notification.timeout().toMillis());
			return Finding.ok("Chat channel (webhook)", url.getHost() + " answers (nothing was posted)");
		}
		catch (IOException | IllegalArgumentException ex) {
			return Finding.missing("Chat channel (webhook)", url.getHost() + " does not answer: "
					+ ex.getClass().getSimpleName(), "check RUNBOOK_WEBHOOK_URL and that this node may reach it");
		}
	}

	private Finding smtp() {
		JavaMailSender sender = this.mail.getIfAvailable();
		boolean recipients = this.notification.mailTo() != null && !this.notification.mailTo().isEmpty();
		if (!(sender instanceof JavaMailSenderImpl smtp)) {
			return recipients ? Finding.missing("E-mail (SMTP)", "recipients are set but no SMTP server",
					"set SPRING_MAIL_HOST (and port, user, password)")
					: Finding.advice("E-mail (SMTP)", "none set", "set SPRING_MAIL_HOST and RUNBOOK_MAIL_TO");
		}
		try {
			smtp.testConnection();
			return Finding.ok("E-mail (SMTP)", smtp.getHost() + " accepts a connection");
		}
		catch (MessagingException ex) {
			return Finding.missing("E-mail (SMTP)", smtp.getHost() + " refused: " + ex.getClass().getSimpleName(),
					"check SPRING_MAIL_HOST, SPRING_MAIL_PORT and the credentials");
		}
	}

}
