package org.soc.runbook.remediation;

import org.soc.runbook.tenant.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;
import org.soc.runbook.cases.Text;
import org.soc.runbook.tenant.exchange.ConnectorChange;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.exchange.InboundConnector;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.GraphUser;
import org.soc.runbook.tenant.graph.SignIn;

import org.springframework.stereotype.Component;

/**
 * {@code Task_GatherConnectorEvidence}: what the reviewer needs to judge a blocked inbound connector, following
 * Microsoft's "Respond to a compromised connector": its configuration ({@code Get-InboundConnector}), the signs that
 * matter (an on-premises connector changed recently, no IP address or certificate restriction, any sender domain),
 * who created or changed connectors lately ({@code Search-UnifiedAuditLog}), and the connector's earlier cases. The
 * newest administrator in the audit log is offered as the account to investigate. All of it goes in one structured,
 * size-bounded JSON variable whose {@code summary} says it in the words the forms show ({@link EvidenceSummary}). A
 * source refused for permission is marked unavailable; the case goes on.
 */
@Component
class GatherConnectorEvidenceDelegate implements JavaDelegate {

	private static final int MAX_CHANGES = 20;

	private final Tenants tenants;

	private final RemediationProperties properties;

	private final ObjectMapper json;

	GatherConnectorEvidenceDelegate(Tenants tenants, 
			RemediationProperties properties, ObjectMapper json) {
		this.tenants = tenants;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseContext context = CaseContext.of(execution);
		String connectorId = context.entityId();
		Instant now = Instant.now();
		ObjectNode evidence = this.json.createObjectNode();
		evidence.put("connectorId", connectorId);
		evidence.put("gatheredAt", now.toString());
		evidence.put("restrictionReason", context.restrictionReason());
		// First in the document, so that an auditor reading it finds the words the reviewer read before the facts.
		ObjectNode summary = evidence.putObject(EvidenceSummary.OBJECT);
		ArrayNode unavailable = evidence.putArray("unavailable");

		List<String> flags = new ArrayList<>();
		InboundConnector connector = EvidenceSources.collect(unavailable, "inboundConnector",
				() -> this.tenants.exchange(execution.getTenantId()).getInboundConnector(connectorId));
		String configuration = (connector != null) ? configuration(connector, now, evidence, flags) : null;
		String name = (connector != null && connector.identity() != null) ? Text.line(connector.identity(), 200)
				: context.connectorName();
		String changes = EvidenceSources.collect(unavailable, "auditLog",
				() -> changes(connector, connectorId, now, evidence, execution));
		String admin = context.adminAccount();
		String adminSignIns = (admin == null) ? null
				: EvidenceSources.collect(unavailable, "adminSignIns", () -> adminSignIns(execution.getTenantId(), admin, now, evidence));
		if (connector == null) {
			flags.add("The connector's configuration could not be read: it may have been removed, or the app lacks the "
					+ "role. Check Mail flow > Connectors.");
		}
		String history = EvidenceSources.earlierCases(execution, (name != null) ? name : connectorId, evidence,
				" Microsoft support must step in when a connector keeps being blocked.");

		evidence.set("flags", this.json.valueToTree(flags));
		context.setConnectorName(name);
		summary.put(EvidenceSummary.CONFIGURATION,
				EvidenceSources.orUnavailable(configuration, unavailable, "inboundConnector"));
		summary.put(EvidenceSummary.FLAGS,
				flags.isEmpty() ? "None of Microsoft's signs of a compromised connector in its configuration."
						: Text.bounded(String.join("\n", flags), 2000));
		summary.put(EvidenceSummary.CHANGES, EvidenceSources.orUnavailable(changes, unavailable, "auditLog"));
		if (admin != null) {
			summary.put(EvidenceSummary.ADMIN_SIGN_INS,
					EvidenceSources.orUnavailable(adminSignIns, unavailable, "adminSignIns"));
		}
		summary.put(EvidenceSummary.HISTORY, history);
		context.setEvidence(bounded(evidence));
	}

	/** The configuration in words, the structured copy in the evidence, and the signs that matter in {@code flags}. */
	private String configuration(InboundConnector connector, Instant now, ObjectNode evidence, List<String> flags) {
		ObjectNode node = evidence.putObject("connector");
		node.put("name", Text.line(connector.identity(), 200));
		node.put("type", connector.connectorType());
		node.put("enabled", connector.enabled());
		node.set("senderIpAddresses", this.json.valueToTree(bound(connector.senderIpAddresses())));
		node.set("senderDomains", this.json.valueToTree(bound(connector.senderDomains())));
		node.put("tlsSenderCertificateName", Text.line(connector.tlsSenderCertificateName(), 200));
		node.put("restrictDomainsToIpAddresses", connector.restrictDomainsToIpAddresses());
		node.put("restrictDomainsToCertificate", connector.restrictDomainsToCertificate());
		node.put("whenCreated", (connector.whenCreated() != null) ? connector.whenCreated().toString() : null);
		node.put("whenChanged", (connector.whenChanged() != null) ? connector.whenChanged().toString() : null);
		node.put("comment", Text.line(connector.comment(), 300));

		boolean onPremises = "OnPremises".equalsIgnoreCase(connector.connectorType());
		Duration window = this.properties.connectorChangeWindow();
		if (onPremises && connector.whenCreated() != null && connector.whenCreated().isAfter(now.minus(window))) {
			flags.add("Created " + ago(connector.whenCreated(), now) + ": an on-premises connector no administrator "
					+ "remembers creating is Microsoft's first sign of compromise.");
		}
		else if (onPremises && connector.whenChanged() != null && connector.whenChanged().isAfter(now.minus(window))) {
			flags.add("Changed " + ago(connector.whenChanged(), now) + ": review the change (name, domains, IP "
					+ "addresses) and who made it.");
		}
		boolean noSenders = connector.senderIpAddresses().isEmpty() && connector.tlsSenderCertificateName() == null;
		if (noSenders) {
			flags.add("No sender IP addresses and no TLS certificate: it does not say which servers may relay.");
		}
		if (!connector.restrictDomainsToIpAddresses() && !connector.restrictDomainsToCertificate()) {
			flags.add("No IP or certificate restriction: mail for its sender domains is accepted from anywhere.");
		}
		if (connector.senderDomains().stream().anyMatch((d) -> d.trim().equals("*"))) {
			flags.add("Accepts any sender domain (*): it can relay mail for domains this tenant does not own.");
		}
		if (!onPremises) {
			flags.add("Type " + Text.line(connector.connectorType(), 40) + ", not OnPremises: Microsoft's compromised-"
					+ "connector guidance is about on-premises connectors; check why a partner connector relayed.");
		}

		List<String> lines = new ArrayList<>();
		lines.add("'" + Text.line(connector.identity(), 200) + "': " + connector.connectorType()
				+ (connector.enabled() ? ", enabled" : ", disabled") + ".");
		lines.add("Sender IP addresses: " + list(connector.senderIpAddresses()) + ". Sender domains: "
				+ list(connector.senderDomains()) + ".");
		lines.add("TLS certificate: " + ((connector.tlsSenderCertificateName() != null)
				? Text.line(connector.tlsSenderCertificateName(), 200) : "none")
				+ (connector.requireTls() ? " (TLS required)" : " (TLS not required)") + ". Restricted to IP addresses: "
				+ yesNo(connector.restrictDomainsToIpAddresses()) + "; to the certificate: "
				+ yesNo(connector.restrictDomainsToCertificate()) + ".");
		lines.add("Created " + ((connector.whenCreated() != null) ? connector.whenCreated() : "at an unknown time")
				+ "; last changed " + ((connector.whenChanged() != null)
						? connector.whenChanged() + " (" + ago(connector.whenChanged(), now) + ")" : "at an unknown time")
				+ ".");
		if (connector.comment() != null) {
			lines.add("Comment: " + Text.line(connector.comment(), 300));
		}
		return Text.bounded(String.join("\n", lines), 3000);
	}

	/** Who created, changed or removed inbound connectors in the window; prefills the admin account to investigate. */
	private String changes(InboundConnector connector, String connectorId, Instant now, ObjectNode evidence,
			DelegateExecution execution) {
		Duration window = this.properties.connectorChangeWindow();
		List<ConnectorChange> all = this.tenants.exchange(execution.getTenantId()).searchConnectorChanges(now.minus(window), now, 100);
		List<ConnectorChange> relevant = all.stream()
			.filter((c) -> c.objectId() == null || c.objectId().equalsIgnoreCase(connectorId)
					|| (connector != null && c.objectId().equalsIgnoreCase(connector.identity())))
			.limit(MAX_CHANGES)
			.toList();
		ArrayNode array = evidence.putArray("connectorChanges");
		List<String> lines = new ArrayList<>();
		String newestAdmin = null;
		for (ConnectorChange change : relevant) {
			array.addObject()
				.put("at", (change.at() != null) ? change.at().toString() : null)
				.put("operation", Text.line(change.operation(), 60))
				.put("userId", Text.line(change.userId(), 200))
				.put("connector", Text.line(change.objectId(), 200));
			lines.add(((change.at() != null) ? change.at().toString() : "(time unknown)") + ": "
					+ Text.line(change.operation(), 60) + " by " + Text.line(change.userId(), 200)
					+ ((change.objectId() != null) ? " on '" + Text.line(change.objectId(), 200) + "'" : ""));
			if (newestAdmin == null) {
				newestAdmin = asAddress(change.userId());
			}
		}
		CaseContext context = CaseContext.of(execution);
		if (newestAdmin != null && context.adminAccount() == null) {
			context.setAdminAccount(newestAdmin);
		}
		if (lines.isEmpty()) {
			return "No connector was created, changed or removed in the last " + window.toDays()
					+ " days according to the audit log (is auditing on?).";
		}
		return Text.bounded(String.join("\n", lines), 3000);
	}

	/**
	 * The sign-ins of the admin account the checklist asks about, on the connector's own form: where from, over
	 * which clients, how many failed. A place seen once among many is the kind of sign that matters.
	 */
	private String adminSignIns(String tenant, String admin, Instant now, ObjectNode evidence) {
		Duration lookback = this.properties.signInLookback();
		GraphUser user = this.tenants.graph(tenant).getUser(admin);
		List<SignIn> signIns = this.tenants.graph(tenant).listSignIns(user.id(), now.minus(lookback));
		Map<String, Integer> places = new TreeMap<>();
		Set<String> clients = new TreeSet<>();
		int failures = 0;
		for (SignIn signIn : signIns) {
			String country = (signIn.countryOrRegion() != null) ? signIn.countryOrRegion() : "unknown";
			places.merge(GatherEvidenceDelegate.place(signIn.city(), country), 1, Integer::sum);
			if (signIn.clientAppUsed() != null) {
				clients.add(Text.line(signIn.clientAppUsed(), 60));
			}
			failures += signIn.succeeded() ? 0 : 1;
		}
		ObjectNode node = evidence.putObject("adminSignIns");
		node.put("account", admin);
		node.put("total", signIns.size());
		node.put("failures", failures);
		node.set("places", this.json.valueToTree(places));
		if (signIns.isEmpty()) {
			return admin + ": no interactive sign-ins in the last " + lookback.toDays() + " days.";
		}
		List<String> rare = places.entrySet()
			.stream()
			.filter((place) -> place.getValue() == 1 && signIns.size() > 2)
			.map(Map.Entry::getKey)
			.toList();
		return Text.bounded(admin + ": " + signIns.size() + " sign-ins in the last " + lookback.toDays() + " days from "
				+ GatherEvidenceDelegate.countryList(places) + "; " + failures + " failed; clients: "
				+ String.join(", ", clients) + "."
				+ (rare.isEmpty() ? "" : " Seen once: " + String.join("; ", rare) + ", worth asking the admin about."),
				1000);
	}

	private static String asAddress(String userId) {
		try {
			return (userId != null) ? CaseStarter.normalizeAddress(userId) : null;
		}
		catch (IllegalArgumentException notAnAddress) {
			// A service or an app made the change: nobody's mailbox to investigate.
			return null;
		}
	}

	private static String ago(Instant then, Instant now) {
		long hours = Math.max(0, Duration.between(then, now).toHours());
		return (hours < 48) ? hours + " hour(s) ago" : (hours / 24) + " day(s) ago";
	}

	private static String list(List<String> items) {
		return items.isEmpty() ? "none" : Text.line(String.join(", ", bound(items)), 600);
	}

	private static List<String> bound(List<String> items) {
		return items.stream().limit(50).map((i) -> Text.line(i, 200)).toList();
	}

	private static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	/** The evidence within the configured size: the change list is cut first. */
	private String bounded(ObjectNode evidence) {
		ArrayNode changes = (ArrayNode) evidence.get("connectorChanges");
		while (changes != null && changes.size() > 1
				&& evidence.toString().length() > this.properties.evidenceMaxBytes()) {
			changes.remove(changes.size() - 1);
			evidence.put("truncated", true);
		}
		return evidence.toString();
	}

}
