package org.soc.runbook.tenant.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.soc.runbook.tenant.TenantDates;

/**
 * A Defender alert from Graph {@code security/alerts_v2}.
 *
 * @param id the alert id
 * @param title the alert title, e.g. "User restricted from sending email"
 * @param severity informational, low, medium, high
 * @param status new, inProgress, resolved
 * @param serviceSource the product that raised it
 * @param createdDateTime when it was raised
 * @param mailboxes the user principal names and mailbox addresses in its evidence, lower case
 * @param connector what it says about a connector ("Suspicious connector activity" names the connector's domain and
 * the sending IP address), wherever it says it
 * @param incidentId the Defender incident the alert belongs to
 * @param alertWebUrl the alert's page in the Microsoft Defender portal
 * @param incidentWebUrl the incident's page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecurityAlert(String id, String title, String severity, String status, String serviceSource,
		Instant createdDateTime, List<String> mailboxes, ConnectorHints connector, String incidentId,
		String alertWebUrl, String incidentWebUrl) {

	private static final Pattern GUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");

	private static final Pattern DOMAIN = Pattern
		.compile("(?i)connector domain\\s*[:=]?\\s*([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)");

	/**
	 * Graph's alert: its mailboxes are the addresses its evidence names, wherever the kind of evidence keeps them.
	 * How the connector alert carries the connector's domain and IP address is not documented: they are read from IP
	 * evidence ({@code ipAddress}), from a {@code domainName} of evidence that is not a user's, and from the words of
	 * the description ("Connector domain: ..."), along with any GUID or connector name mentioned.
	 */
	@JsonCreator
	static SecurityAlert of(@JsonProperty("id") String id, @JsonProperty("title") String title,
			@JsonProperty("severity") String severity, @JsonProperty("status") String status,
			@JsonProperty("serviceSource") String serviceSource,
			@JsonProperty("createdDateTime")
			@JsonDeserialize(using = TenantDates.Deserializer.class) Instant createdDateTime,
			@JsonProperty("description") String description, @JsonProperty("evidence") List<Evidence> evidence,
			@JsonProperty("incidentId") String incidentId, @JsonProperty("alertWebUrl") String alertWebUrl,
			@JsonProperty("incidentWebUrl") String incidentWebUrl) {
		List<Evidence> each = (evidence != null) ? evidence.stream().filter(Objects::nonNull).toList() : List.of();
		Set<String> ips = new LinkedHashSet<>();
		Set<String> domains = new LinkedHashSet<>();
		Set<String> guids = new LinkedHashSet<>();
		StringBuilder words = new StringBuilder((description != null) ? description : "");
		for (Evidence item : each) {
			if (item.ipAddress() != null) {
				ips.add(item.ipAddress().trim());
			}
			if (item.domainName() != null && item.userAccount() == null) {
				domains.add(item.domainName().trim().toLowerCase(Locale.ROOT));
			}
			Stream.of(item.displayName(), item.connectorId())
				.filter(Objects::nonNull)
				.forEach((text) -> words.append(' ').append(text));
		}
		Matcher ip = IPV4.matcher(words);
		while (ip.find()) {
			ips.add(ip.group());
		}
		Matcher domain = DOMAIN.matcher(words);
		while (domain.find()) {
			domains.add(domain.group(1).toLowerCase(Locale.ROOT));
		}
		Matcher guid = GUID.matcher(words);
		while (guid.find()) {
			guids.add(guid.group().toLowerCase(Locale.ROOT));
		}
		return new SecurityAlert(id, title, severity, status, serviceSource, createdDateTime,
				MailAddresses.of(each.stream().flatMap(Evidence::addresses)),
				new ConnectorHints(List.copyOf(ips), List.copyOf(domains), List.copyOf(guids), words.toString()),
				incidentId, alertWebUrl, incidentWebUrl);
	}

	/**
	 * What an alert says that may name an inbound connector.
	 *
	 * @param ipAddresses the IP addresses it names
	 * @param domains the connector domains it names, lower case
	 * @param guids the GUIDs it mentions, lower case
	 * @param text its description and evidence names, to find a connector's name in
	 */
	public record ConnectorHints(List<String> ipAddresses, List<String> domains, List<String> guids, String text) {

		/** Nothing said. */
		public static ConnectorHints none() {
			return new ConnectorHints(List.of(), List.of(), List.of(), "");
		}

		/** Whether it names anything at all. */
		public boolean isEmpty() {
			return this.ipAddresses.isEmpty() && this.domains.isEmpty() && this.guids.isEmpty();
		}

		@Override
		public String toString() {
			List<String> said = new ArrayList<>();
			if (!this.domains.isEmpty()) {
				said.add("domain " + String.join(", ", this.domains));
			}
			if (!this.ipAddresses.isEmpty()) {
				said.add("IP " + String.join(", ", this.ipAddresses));
			}
			if (!this.guids.isEmpty()) {
				said.add("GUID " + String.join(", ", this.guids));
			}
			return said.isEmpty() ? "nothing about a connector" : String.join("; ", said);
		}

	}

	/** One piece of evidence: a mailbox names its address, a user its account, an IP its address. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	private record Evidence(String primaryAddress, String upn, UserAccount userAccount, String ipAddress,
			String domainName, String displayName, String connectorId) {

		Stream<String> addresses() {
			return Stream.of(this.primaryAddress, this.upn,
					(this.userAccount != null) ? this.userAccount.userPrincipalName() : null);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	private record UserAccount(String userPrincipalName) {
	}

}
