package org.soc.runbook.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The demo tenant, Contoso: three restricted mailboxes, each showing something the runbook must handle (an external
 * forwarding rule plus mailbox forwarding; a hidden delete rule; a user synced from on-premises whose password the
 * cloud cannot reset), two clean users, a restricted on-premises connector that an administrator changed two days ago
 * (the audit log says who) to accept mail from anywhere, a clean partner connector, and the Defender alerts that go
 * with them.
 */
public final class DemoTenantSeed {

	/** The demo tenant's id, also the default {@code runbook.tenant.tenant-id} of the demo. */
	public static final String TENANT = "contoso.onmicrosoft.com";

	/** The group a (simulated) Conditional Access policy requiring MFA targets. */
	public static final String MFA_GROUP_ID = "5b0c7a4e-2f1d-4e8a-9c3b-6d7e8f901a2b";

	/** Restricted: an external forwarding rule and mailbox forwarding; sign-ins over IMAP/SMTP from abroad. */
	public static final String ADELE = "adele.vance@" + TENANT;

	/** Restricted: a hidden rule that deletes replies; failed then successful SMTP sign-ins. */
	public static final String MEGAN = "megan.bowen@" + TENANT;

	/** Restricted and synced from on-premises: the password must be reset on-premises. */
	public static final String JONI = "joni.sherman@" + TENANT;

	/** Clean, MFA enforced. */
	public static final String ALEX = "alex.wilber@" + TENANT;

	/** Clean. */
	public static final String LEE = "lee.gu@" + TENANT;

	/** Restricted, and Microsoft never lifts the block after the unblock: the demo's escalation. */
	public static final String DIEGO = "diego.siciliani@" + TENANT;

	/** The administrator who opened the relay connector to the internet, from an unusual place. */
	public static final String ISAIAH = "isaiah.langer@" + TENANT;

	/** The restricted on-premises relay connector (fixed so that demo cases survive a restart). */
	public static final UUID RELAY_CONNECTOR = UUID.fromString("0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c");

	/** The clean partner connector. */
	public static final UUID PARTNER_CONNECTOR = UUID.fromString("7a2e9d41-3c5b-4f80-b6e2-9d1c4a8f5e07");

	private DemoTenantSeed() {
	}

	static void seed(SimulatedTenant tenant) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		tenant.addGroup(MFA_GROUP_ID, "CA - Require MFA (runbook)");

		tenant.addUser(ADELE, "Adele Vance");
		tenant.addInboxRule(ADELE, new SimulatedTenant.InboxRuleSpec(".", false, List.of("adele.v.backup@proton.example"),
				List.of(), false, null));
		tenant.setMailboxForwarding(ADELE, "payroll-archive@mail-drop.example", false);
		signIns(tenant, ADELE, now, "GB", "London", "Browser", "81.2.69.142", 3);
		signIns(tenant, ADELE, now.minus(Duration.ofHours(5)), "NG", "Lagos", "IMAP", "102.89.34.7", 4);
		tenant.addSignIn(ADELE, now.minus(Duration.ofHours(2)), "Authenticated SMTP", "102.89.34.7", "NG", "Lagos", 0);
		tenant.setRisk(ADELE, "high", "atRisk", "none");
		// No method self-service reset could use, only a number on her profile: the helpdesk calls back and issues a
		// Temporary Access Pass.
		tenant.setPhones(ADELE, "+44 20 7946 0958", List.of("+44 20 7946 0100"));
		tenant.restrictSender(ADELE, "EmailSendingLimitExceeded;InternalRecipientCountToday=12;"
				+ "ExternalRecipientCountToday=4873;ExceedingLimitType=External;"
				+ "Last MessagetraceId=2b7c1f0e-5d3a-4c8b-9e21-7f6a5d4c3b2a;LastMessageRcptCount=500;");

		tenant.addUser(MEGAN, "Megan Bowen");
		tenant.addAuthenticationMethod(MEGAN, "phoneAuthenticationMethod", "+1 425 555 0100");
		tenant.setPhones(MEGAN, "+1 425 555 0100", List.of());
		tenant.setPerUserMfaState(MEGAN, "enabled");
		tenant.addInboxRule(MEGAN, new SimulatedTenant.InboxRuleSpec("Newsletters", false, List.of(), List.of(), false,
				"Newsletters"));
		tenant.addInboxRule(MEGAN, new SimulatedTenant.InboxRuleSpec(" ", true, List.of(), List.of(), true, null));
		tenant.addSignIn(MEGAN, now.minus(Duration.ofHours(30)), "Authenticated SMTP", "185.220.101.4", "RU", "Moscow",
				50126);
		tenant.addSignIn(MEGAN, now.minus(Duration.ofHours(29)), "Authenticated SMTP", "185.220.101.4", "RU", "Moscow",
				0);
		signIns(tenant, MEGAN, now, "US", "Seattle", "Mobile Apps and Desktop clients", "131.107.1.20", 2);
		tenant.setRisk(MEGAN, "medium", "atRisk", "none");
		tenant.restrictSender(MEGAN, "OutboundSpamLast24Hours=1312;OutboundMailLast24Hours=1490;"
				+ "OutboundSpamPercent=88;Last Spam Message MessagetraceId:9c4e7a10-2b3d-4f5e-8a6b-1c2d3e4f5a6b");

		tenant.addUser(JONI, "Joni Sherman");
		tenant.syncFromOnPremises(JONI);
		signIns(tenant, JONI, now, "US", "Chicago", "Browser", "131.107.3.7", 2);
		tenant.restrictSender(JONI, "EmailSendingLimitExceeded;InternalRecipientCountToday=10211;"
				+ "ExternalRecipientCountToday=0;ExceedingLimitType=Internal;LastMessageRcptCount=480;");

		tenant.addUser(ALEX, "Alex Wilber");
		tenant.addAuthenticationMethod(ALEX, "microsoftAuthenticatorAuthenticationMethod");
		tenant.addAuthenticationMethod(ALEX, "fido2AuthenticationMethod");
		tenant.setPerUserMfaState(ALEX, "enforced");
		signIns(tenant, ALEX, now, "GB", "Reading", "Browser", "81.2.69.160", 3);

		// Restricted for an outbound spam run; Microsoft keeps the block after the runbook's unblock, so the verification
		// times out and the SOC leads get the escalation within the demo's few minutes.
		tenant.addUser(DIEGO, "Diego Siciliani");
		tenant.addAuthenticationMethod(DIEGO, "microsoftAuthenticatorAuthenticationMethod");
		tenant.setPerUserMfaState(DIEGO, "enforced");
		signIns(tenant, DIEGO, now, "US", "Seattle", "Browser", "131.107.4.9", 2);
		tenant.setRisk(DIEGO, "low", "atRisk", "none");
		tenant.restrictSender(DIEGO, "OutboundSpamLast24Hours=640;OutboundMailLast24Hours=702;OutboundSpamPercent=91;");
		tenant.neverRelease(DIEGO);

		tenant.addUser(LEE, "Lee Gu");
		signIns(tenant, LEE, now, "US", "Redmond", "Browser", "131.107.8.1", 1);

		tenant.addInboundConnector(RELAY_CONNECTOR,
				new SimulatedTenant.InboundConnectorSpec("Contoso on-premises relay", "OnPremises", List.of(),
						List.of("*"), null, false, false, now.minus(Duration.ofDays(412)),
						now.minus(Duration.ofDays(2)), "Hybrid relay for the multifunction printers"));
		tenant.addInboundConnector(PARTNER_CONNECTOR,
				new SimulatedTenant.InboundConnectorSpec("Fabrikam partner", "Partner", List.of("203.0.113.0/28"),
						List.of("fabrikam.example"), "mail.fabrikam.example", true, true,
						now.minus(Duration.ofDays(700)), now.minus(Duration.ofDays(200)), null));
		// The relay was opened to the whole internet two days ago by an administrator whose account was then used from
		// abroad: Microsoft's "investigate the admin account that changed it".
		tenant.addUser(ISAIAH, "Isaiah Langer (IT admin)");
		// An administrator: the runbook's app (a User Administrator) may not reset his password, as in a tenant
		// that grants it the least it needs; his case shows the refusal and which role is missing.
		tenant.assignAdminRole(ISAIAH, "Exchange Administrator");
		tenant.addAuthenticationMethod(ISAIAH, "microsoftAuthenticatorAuthenticationMethod");
		signIns(tenant, ISAIAH, now, "US", "Redmond", "Browser", "131.107.2.5", 3);
		tenant.addSignIn(ISAIAH, now.minus(Duration.ofDays(2)).minus(Duration.ofMinutes(20)), "Exchange Online PowerShell",
				"185.220.101.4", "NL", "Amsterdam", 0);
		tenant.recordConnectorChange(now.minus(Duration.ofDays(2)), ISAIAH, "Set-InboundConnector",
				"Contoso on-premises relay");
		tenant.restrictConnector(RELAY_CONNECTOR,
				"Connector has been detected to be potentially compromised: outbound spam from 198.51.100.23");

		tenant.addAlert("User restricted from sending email", "high", now.minus(Duration.ofMinutes(50)), ADELE);
		tenant.addAlert("User restricted from sending email", "high", now.minus(Duration.ofMinutes(40)), MEGAN);
		tenant.addAlert("User restricted from sending email", "high", now.minus(Duration.ofMinutes(30)), JONI);
		tenant.addConnectorAlert(now.minus(Duration.ofMinutes(20)), "contoso.com", "198.51.100.23");
		tenant.addAlert("Email reported by user as malware or phish", "informational",
				now.minus(Duration.ofMinutes(10)), LEE);
	}

	/**
	 * Another customer of the demo (Fabrikam): two restricted mailboxes of its own, one with an external forwarding
	 * rule, and a clean user, at the tenant's own domain. Enough to see that its cases are its own: its analyst sees
	 * them, Contoso's does not.
	 */
	static void seedCustomer(SimulatedTenant tenant) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String domain = tenant.tenantId().contains(".") ? tenant.tenantId() : tenant.tenantId() + ".example";
		tenant.addGroup(MFA_GROUP_ID, "CA - Require MFA (runbook)");
		String nestor = "nestor.wilke@" + domain;
		tenant.addUser(nestor, "Nestor Wilke");
		tenant.addInboxRule(nestor, new SimulatedTenant.InboxRuleSpec("Archive", false,
				List.of("nestor.archive@mail-drop.example"), List.of(), false, null));
		signIns(tenant, nestor, now, "US", "Atlanta", "Browser", "131.107.5.3", 2);
		tenant.addSignIn(nestor, now.minus(Duration.ofHours(3)), "Authenticated SMTP", "102.89.34.9", "NG", "Abuja", 0);
		tenant.setPhones(nestor, "+1 404 555 0175", List.of());
		tenant.restrictSender(nestor, "OutboundSpamLast24Hours=2210;OutboundMailLast24Hours=2302;OutboundSpamPercent=96;");
		String patti = "patti.fernandez@" + domain;
		tenant.addUser(patti, "Patti Fernandez");
		tenant.addAuthenticationMethod(patti, "microsoftAuthenticatorAuthenticationMethod");
		signIns(tenant, patti, now, "US", "Atlanta", "Mobile Apps and Desktop clients", "131.107.5.8", 2);
		tenant.restrictSender(patti, "EmailSendingLimitExceeded;InternalRecipientCountToday=3;"
				+ "ExternalRecipientCountToday=5120;ExceedingLimitType=External;");
		String lynne = "lynne.robbins@" + domain;
		tenant.addUser(lynne, "Lynne Robbins");
		signIns(tenant, lynne, now, "US", "Atlanta", "Browser", "131.107.5.4", 1);
	}

	private static void signIns(SimulatedTenant tenant, String upn, Instant latest, String country, String city,
			String client, String ip, int count) {
		for (int i = 0; i < count; i++) {
			tenant.addSignIn(upn, latest.minus(Duration.ofHours(20L * (i + 1))), client, ip, country, city, 0);
		}
	}

}
