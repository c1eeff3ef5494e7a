package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.tenant.graph.AuthenticationMethod;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;
import org.soc.runbook.tenant.exchange.InboxRule;
import org.soc.runbook.tenant.graph.MailboxEvidenceReads;
import org.soc.runbook.tenant.exchange.MailboxForwarding;
import org.soc.runbook.tenant.graph.MessageRule;
import org.soc.runbook.tenant.graph.RiskyUser;
import org.soc.runbook.tenant.graph.SignIn;
import org.soc.runbook.tenant.TenantForbiddenException;
import org.soc.runbook.tenant.TenantRequestException;
import org.soc.runbook.cases.Text;

import org.springframework.stereotype.Component;

/**
 * {@code Task_GatherEvidence}: what the reviewer needs to judge the mailbox, in one structured, size-bounded JSON
 * variable whose {@code summary} says it in the words the forms show ({@link EvidenceSummary}): the restriction
 * reason, inbox rules that forward, redirect, delete or move mail (hidden ones included, flagged as hidden when Graph
 * cannot see them), mailbox forwarding, sign-ins of the look-back period (countries, legacy protocols, failures),
 * Identity Protection risk, registered MFA methods, and this mailbox's earlier cases. Graph's four reads go in one
 * JSON batch ({@link GraphClient#readMailboxEvidence}), one round trip to Microsoft instead of four. A source the
 * tenant's licence or the app's permissions refuse is marked unavailable; the case goes on. Throttling and outages
 * are not caught: the job retries.
 */
@Component
class GatherEvidenceDelegate implements JavaDelegate {

	/** Clients that use these protocols cannot do modern authentication, so MFA does not protect them. */
	static final Set<String> LEGACY_CLIENTS = Set.of("imap", "imap4", "pop", "pop3", "smtp", "authenticated smtp",
			"exchange activesync", "mapi", "mapi over http", "other clients", "exchange web services",
			"autodiscover", "exchange online powershell", "offline address book", "outlook anywhere (rpc over http)");

	/** Folders attackers hide replies in. */
	static final Set<String> HIDING_FOLDERS = Set.of("rss feeds", "rss subscriptions", "notes", "junk email",
			"conversation history", "archive", "deleted items");

	private static final int MAX_RULES = 50;

	private static final int MAX_SIGN_INS = 30;

	private final Tenants tenants;

	private final RemediationProperties properties;

	private final ObjectMapper json;

	GatherEvidenceDelegate(Tenants tenants, RemediationProperties properties,
			ObjectMapper json) {
		this.tenants = tenants;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String mailbox = context.mailbox();
		String userId = context.userId();
		if (userId == null) {
			// A re-review of a decision: no containment ran, so the user was not looked up yet. (A user deleted since
			// the decision stops the step with an incident that says so.)
			GraphUser user = this.tenants.graph(execution.getTenantId()).getUser(mailbox);
			context.setUser(user.id(), Text.line(user.displayName(), 256));
			userId = user.id();
		}
		ObjectNode evidence = this.json.createObjectNode();
		evidence.put("mailbox", mailbox);
		evidence.put("gatheredAt", Instant.now().toString());
		evidence.put("restrictionReason", context.restrictionReason());
		// First in the document, so that an auditor reading it finds the words the reviewer read before the facts.
		ObjectNode summary = evidence.putObject(EvidenceSummary.OBJECT);
		ArrayNode unavailable = evidence.putArray("unavailable");
		Instant since = Instant.now().minus(this.properties.signInLookback());
		// Graph's four reads in one round trip; each is refused or answered on its own below.
		MailboxEvidenceReads reads = this.tenants.graph(execution.getTenantId()).readMailboxEvidence(userId, since);

		List<String> ruleLines = new ArrayList<>();
		ArrayNode ruleOptions = this.json.createArrayNode();
		EvidenceSources.collect(unavailable, "inboxRules", () -> rules(execution.getTenantId(), mailbox, reads, evidence, ruleLines, ruleOptions));
		String forwarding = EvidenceSources.collect(unavailable, "mailboxForwarding", () -> forwarding(execution.getTenantId(), mailbox, evidence));
		String signIns = EvidenceSources.collect(unavailable, "signIns", () -> signIns(reads.signIns().get(), since, evidence));
		String risk = EvidenceSources.collect(unavailable, "risk", () -> risk(reads.risk().get(), evidence));
		String methods = EvidenceSources.collect(unavailable, "mfaMethods", () -> methods(reads.methods().get(), evidence));
		String history = EvidenceSources.earlierCases(execution, mailbox, evidence,
				" Microsoft limits how often one account can be unblocked.");

		summary.put(EvidenceSummary.RULES, ruleLines.isEmpty()
				? (EvidenceSources.isUnavailable(unavailable, "inboxRules") ? "Unavailable: " + EvidenceSources.reason(unavailable, "inboxRules")
						: "No inbox rule forwards, redirects, deletes or moves mail.")
				: Text.bounded(String.join("\n", ruleLines), 3500));
		summary.put(EvidenceSummary.FORWARDING, EvidenceSources.orUnavailable(forwarding, unavailable, "mailboxForwarding"));
		summary.put(EvidenceSummary.SIGN_INS, EvidenceSources.orUnavailable(signIns, unavailable, "signIns"));
		summary.put(EvidenceSummary.RISK, EvidenceSources.orUnavailable(risk, unavailable, "risk"));
		summary.put(EvidenceSummary.MFA_METHODS, EvidenceSources.orUnavailable(methods, unavailable, "mfaMethods"));
		summary.put(EvidenceSummary.HISTORY, history);
		context.setRuleOptions(ruleOptions.toString());
		context.setContainmentSummary(containment(context));
		context.setEvidence(bounded(evidence));
	}

	private String rules(String tenant, String mailbox, MailboxEvidenceReads reads, ObjectNode evidence, List<String> lines,
			ArrayNode options) {
		List<InboxRule> rules = this.tenants.exchange(tenant).getInboxRules(mailbox);
		// Graph does not list hidden rules: a rule Exchange shows and Graph does not is hidden.
		List<String> visibleNames = new ArrayList<>();
		boolean hiddenKnown = true;
		try {
			reads.inboxRules().get().stream().map(MessageRule::displayName).forEach(visibleNames::add);
		}
		catch (TenantForbiddenException | TenantRequestException ex) {
			hiddenKnown = false;
		}
		String domain = mailbox.substring(mailbox.indexOf('@') + 1);
		ArrayNode array = evidence.putArray("inboxRules");
		int count = 0;
		for (InboxRule rule : rules) {
			boolean hidden = hiddenKnown && !visibleNames.remove(rule.name());
			List<String> concerns = concerns(rule, domain);
			if (hidden) {
				concerns.add(0, "HIDDEN: Outlook and Graph do not list it, only Exchange does (an attacker's trick)");
			}
			String disguise = disguise(rule.name());
			if (disguise != null && !concerns.isEmpty()) {
				concerns.add(disguise);
			}
			if (concerns.isEmpty() || count >= MAX_RULES) {
				continue;
			}
			count++;
			ObjectNode node = array.addObject();
			node.put("identity", rule.identity());
			node.put("name", Text.line(rule.name(), 200));
			node.put("enabled", rule.enabled());
			node.put("hidden", hidden);
			node.set("forwardTo", this.json.valueToTree(rule.forwardTo()));
			node.set("redirectTo", this.json.valueToTree(rule.redirectTo()));
			node.put("deletes", rule.deleteMessage() || rule.softDeleteMessage() || rule.permanentDelete());
			node.put("moveToFolder", rule.moveToFolder());
			node.set("concerns", this.json.valueToTree(concerns));
			String label = "'" + Text.line(rule.name(), 80) + "'" + (rule.enabled() ? "" : " (disabled)") + ": "
					+ String.join("; ", concerns);
			lines.add(label);
			options.addObject().put("label", Text.line(label, 200)).put("value", rule.identity());
		}
		return null;
	}

	/**
	 * Why a rule's name is itself a sign: attackers name their rules so that nobody notices them in Outlook's list.
	 * Null when the name looks like a person's.
	 */
	static String disguise(String name) {
		if (name == null || name.isBlank()) {
			return "its name is blank, so it shows as an empty line in Outlook's list of rules";
		}
		if (name.strip().chars().noneMatch(Character::isLetterOrDigit)) {
			return "its name is only punctuation ('" + Text.line(name, 20) + "'), so it is easy to miss in Outlook's "
					+ "list of rules";
		}
		return null;
	}

	static List<String> concerns(InboxRule rule, String ownDomain) {
		List<String> concerns = new ArrayList<>();
		List<String> targets = new ArrayList<>(rule.forwardTo());
		targets.addAll(rule.forwardAsAttachmentTo());
		for (String address : targets) {
			concerns.add("forwards to " + address + (isExternal(address, ownDomain)
					? ", outside the organisation (mail leaves without anyone seeing it)" : ""));
		}
		for (String address : rule.redirectTo()) {
			concerns.add("redirects to " + address + (isExternal(address, ownDomain)
					? ", outside the organisation (the mailbox keeps no copy)" : ""));
		}
		if (rule.permanentDelete()) {
			concerns.add("deletes mail permanently");
		}
		else if (rule.deleteMessage() || rule.softDeleteMessage()) {
			concerns.add("deletes mail");
		}
		if (rule.moveToFolder() != null && !rule.moveToFolder().isBlank()) {
			String folder = rule.moveToFolder();
			boolean hiding = HIDING_FOLDERS.contains(folder.toLowerCase(Locale.ROOT).replaceAll("^.*[\\\\/]", ""));
			concerns.add("moves mail to '" + Text.line(folder, 60) + "'" + (hiding ? " (a folder attackers hide in)" : ""));
		}
		return concerns;
	}

	private String forwarding(String tenant, String mailbox, ObjectNode evidence) {
		MailboxForwarding forwarding = this.tenants.exchange(tenant).getMailboxForwarding(mailbox);
		ObjectNode node = evidence.putObject("mailboxForwarding");
		node.put("forwarding", forwarding.isForwarding());
		node.put("forwardingSmtpAddress", forwarding.forwardingSmtpAddress());
		node.put("forwardingAddress", forwarding.forwardingAddress());
		node.put("deliverToMailboxAndForward", forwarding.deliverToMailboxAndForward());
		if (!forwarding.isForwarding()) {
			return "No mailbox forwarding.";
		}
		// Exchange shows the SMTP target as "smtp:someone@example.com".
		String target = (forwarding.forwardingSmtpAddress() != null)
				? forwarding.forwardingSmtpAddress().replaceFirst("(?i)^smtp:", "") : forwarding.forwardingAddress();
		return Text.line("Forwards all mail to " + target
				+ (forwarding.deliverToMailboxAndForward() ? " and keeps a copy." : " without keeping a copy."), 500);
	}

	private String signIns(List<SignIn> signIns, Instant since, ObjectNode evidence) {
		Map<String, Integer> countries = new TreeMap<>();
		Set<String> legacy = new LinkedHashSet<>();
		int failures = 0;
		int legacyCount = 0;
		ArrayNode recent = this.json.createArrayNode();
		for (SignIn signIn : signIns) {
			String country = (signIn.countryOrRegion() != null) ? signIn.countryOrRegion() : "unknown";
			countries.merge(place(signIn.city(), country), 1, Integer::sum);
			String client = (signIn.clientAppUsed() != null) ? signIn.clientAppUsed() : "";
			if (LEGACY_CLIENTS.contains(client.toLowerCase(Locale.ROOT))) {
				legacy.add(client);
				legacyCount++;
			}
			if (!signIn.succeeded()) {
				failures++;
			}
			if (recent.size() < MAX_SIGN_INS) {
				recent.addObject()
					.put("at", (signIn.createdDateTime() != null) ? signIn.createdDateTime().toString() : null)
					.put("client", Text.line(client, 60))
					.put("ip", signIn.ipAddress())
					.put("country", country)
					.put("city", Text.line(signIn.city(), 60))
					.put("errorCode", signIn.errorCode());
			}
		}
		ObjectNode node = evidence.putObject("signIns");
		node.put("since", since.toString());
		node.put("total", signIns.size());
		node.put("failures", failures);
		node.put("legacyProtocol", legacyCount);
		node.set("countries", this.json.valueToTree(countries));
		node.set("recent", recent);
		if (signIns.isEmpty()) {
			return "No interactive sign-ins in the last " + this.properties.signInLookback().toDays() + " days.";
		}
		return Text.bounded(signIns.size() + " sign-ins in the last " + this.properties.signInLookback().toDays()
				+ " days from " + countryList(countries) + "; " + failures + " failed; "
				+ (legacyCount == 0 ? "no legacy protocol."
						: legacyCount + " over legacy protocols " + legacy + ", which do not ask for a second factor: "
								+ "a stolen password alone is enough there."),
				1000);
	}

	/** Where a sign-in came from, as a person reads it: "Lagos, NG", or the country alone. */
	static String place(String city, String country) {
		return (city != null && !city.isBlank()) ? Text.line(city, 60) + ", " + country : country;
	}

	/** "London, GB: 3; Lagos, NG: 5": places with their sign-in counts. */
	static String countryList(Map<String, Integer> places) {
		StringBuilder text = new StringBuilder();
		places.forEach((place, count) -> text.append(text.isEmpty() ? "" : "; ").append(place).append(": ").append(count));
		return text.toString();
	}

	private String risk(Optional<RiskyUser> riskyUser, ObjectNode evidence) {
		ObjectNode node = evidence.putObject("risk");
		return riskyUser.map((RiskyUser risky) -> {
			node.put("riskLevel", risky.riskLevel());
			node.put("riskState", risky.riskState());
			node.put("riskDetail", risky.riskDetail());
			return riskInWords(risky);
		}).orElseGet(() -> {
			node.put("riskLevel", "none");
			return "Identity Protection has no risk recorded.";
		});
	}

	/** Identity Protection's verdict as a person reads it, with its terms after it for whoever checks in Entra. */
	static String riskInWords(RiskyUser risky) {
		String level = (risky.riskLevel() != null) ? risky.riskLevel() : "unknown";
		String state = switch ((risky.riskState() != null) ? risky.riskState() : "") {
			case "atRisk" -> "Identity Protection considers the account at risk now";
			case "confirmedCompromised" -> "an administrator confirmed the account compromised";
			case "remediated" -> "the risk was remediated (for example by a secure password change)";
			case "dismissed" -> "an administrator dismissed the risk";
			case "confirmedSafe" -> "an administrator confirmed the sign-ins safe";
			default -> "no current risk state";
		};
		String detail = (risky.riskDetail() != null && !"none".equals(risky.riskDetail()))
				? "; detail: " + Text.line(risky.riskDetail(), 80) : "";
		String capitalised = Character.toUpperCase(level.charAt(0)) + level.substring(1);
		return capitalised + " risk: " + state + detail + " (Entra: riskLevel " + level + ", riskState "
				+ risky.riskState() + ").";
	}

	private String methods(List<AuthenticationMethod> methods, ObjectNode evidence) {
		List<String> secondFactors = methods.stream()
			.filter(AuthenticationMethod::isSecondFactor)
			.map(AuthenticationMethod::type)
			.map((type) -> type.replace("AuthenticationMethod", ""))
			.toList();
		evidence.set("mfaMethods", this.json.valueToTree(secondFactors));
		return secondFactors.isEmpty() ? "No second factor registered."
				: Text.line("Second factors registered: " + String.join(", ", secondFactors) + ".", 500);
	}

	private static String containment(CaseContext context) {
		List<String> lines = new ArrayList<>();
		if (context.dryRun()) {
			lines.add("DRY RUN: the password was not reset and no session was revoked; the requests are in the "
					+ "case's history.");
		}
		String reset = context.passwordReset();
		if (ResetPasswordDelegate.RESET.equals(reset)) {
			lines.add("Password reset to an unknown random value; change forced at next sign-in.");
		}
		else if (ResetPasswordDelegate.REFUSED.equals(reset)) {
			lines.add("Password NOT reset: " + ResetPasswordDelegate.MISSING_ROLE + " The SOC leads were told.");
		}
		else if (ResetPasswordDelegate.NOT_POSSIBLE.equals(reset)) {
			lines.add("Password NOT reset: the user is synced from on-premises. Reset it in on-premises Active "
					+ "Directory before releasing.");
		}
		lines.add(context.sessionsRevoked()
				? "Sign-in sessions revoked (app passwords are not: check for them)." : "Sessions NOT revoked.");
		String mfa = context.mfaOutcome();
		if (mfa != null) {
			lines.add(mfa);
		}
		return String.join("\n", lines);
	}

	private static boolean isExternal(String address, String ownDomain) {
		int at = address.lastIndexOf('@');
		return at < 0 || !address.substring(at + 1).equalsIgnoreCase(ownDomain);
	}

	/** The evidence as JSON within the configured size: the longest lists are cut first, and the cut is noted. */
	private String bounded(ObjectNode evidence) {
		String json = evidence.toString();
		if (json.length() <= this.properties.evidenceMaxBytes()) {
			return json;
		}
		ObjectNode signIns = (ObjectNode) evidence.get("signIns");
		if (signIns != null) {
			signIns.putArray("recent");
		}
		evidence.put("truncated", true);
		json = evidence.toString();
		if (json.length() <= this.properties.evidenceMaxBytes()) {
			return json;
		}
		ArrayNode rules = (ArrayNode) evidence.get("inboxRules");
		while (rules != null && rules.size() > 1 && evidence.toString().length() > this.properties.evidenceMaxBytes()) {
			rules.remove(rules.size() - 1);
		}
		return evidence.toString();
	}

}
