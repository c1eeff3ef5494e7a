package org.soc.runbook.tenant.exchange;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantDates;
import org.soc.runbook.tenant.TenantDryRun;
import org.soc.runbook.tenant.TenantEndpoints;
import org.soc.runbook.tenant.TenantHttp;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.tenant.TenantProperties;

import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Exchange Online admin API that the ExchangeOnlineManagement v3 module uses: one {@code InvokeCommand} endpoint
 * that runs a cmdlet given as {@code {"CmdletInput":{"CmdletName":...,"Parameters":{...}}}}. Parameters travel as
 * JSON values, never pasted into a command line, so an attacker-chosen rule name or address cannot become a second
 * command. Pages are followed through {@code @odata.nextLink} with the same body; keys carrying OData annotations
 * ({@code X@odata.type}) are dropped. Shapes follow Microsoft's documentation of the
 * admin API's InvokeCommand and of each cmdlet's output.
 */
public class ExchangeOnlineClient {

	/** The system mailbox that app-only calls anchor on. */
	static final String ANCHOR_MAILBOX = "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@";

	private static final Pattern SMTP = Pattern.compile("(?i)(?:smtp:)?([^\\s\\[\\]\"<>]+@[^\\s\\[\\]\"<>]+)");

	private final TenantHttp http;

	private final TenantEndpoints endpoints;

	private final TenantProperties properties;

	private final ObjectMapper json;

	public ExchangeOnlineClient(TenantHttp http, TenantEndpoints endpoints, TenantProperties properties,
			ObjectMapper json) {
		this.http = http;
		this.endpoints = endpoints;
		this.properties = properties;
		this.json = json;
	}

	/** Every blocked sender, all pages. */
	public List<BlockedSender> getBlockedSenderAddresses() {
		return invoke("Get-BlockedSenderAddress", Map.of()).stream().map(ExchangeOnlineClient::blockedSender).toList();
	}

	/** The block on one address; empty when it is not blocked (an empty answer and "not found" both mean that). */
	public Optional<BlockedSender> getBlockedSenderAddress(String senderAddress) {
		try {
			return invoke("Get-BlockedSenderAddress", Map.of("SenderAddress", senderAddress)).stream()
				.map(ExchangeOnlineClient::blockedSender)
				.filter((b) -> senderAddress.equalsIgnoreCase(b.senderAddress()))
				.findFirst();
		}
		catch (TenantNotFoundException notBlocked) {
			return Optional.empty();
		}
	}

	/**
	 * Asks Microsoft to lift the block; it takes effect within an hour, at most 24. Throws
	 * {@link UnblockLimitReachedException} when the account was unblocked too often already.
	 */
	public void removeBlockedSenderAddress(String senderAddress, String reason) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("SenderAddress", senderAddress);
		if (reason != null && !reason.isBlank()) {
			parameters.put("Reason", reason);
		}
		invoke("Remove-BlockedSenderAddress", parameters);
	}

	/** Every blocked inbound connector, all pages. */
	public List<BlockedConnector> getBlockedConnectors() {
		return invoke("Get-BlockedConnector", Map.of()).stream().map(ExchangeOnlineClient::blockedConnector).toList();
	}

	/** The block on one connector; empty when it is not blocked. */
	public Optional<BlockedConnector> getBlockedConnector(UUID connectorId) {
		try {
			return invoke("Get-BlockedConnector", Map.of("ConnectorId", connectorId.toString())).stream()
				.map(ExchangeOnlineClient::blockedConnector)
				.filter((b) -> connectorId.equals(b.connectorId()))
				.findFirst();
		}
		catch (TenantNotFoundException notBlocked) {
			return Optional.empty();
		}
	}

	/** Asks Microsoft to lift a connector's block; takes up to an hour. */
	public void removeBlockedConnector(UUID connectorId, String reason) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("ConnectorId", connectorId.toString());
		if (reason != null && !reason.isBlank()) {
			parameters.put("Reason", reason);
		}
		invoke("Remove-BlockedConnector", parameters);
	}

	/** The forwarding set on the mailbox. */
	public MailboxForwarding getMailboxForwarding(String identity) {
		List<Map<String, JsonNode>> rows = invoke("Get-Mailbox", Map.of("Identity", identity));
		if (rows.isEmpty()) {
			throw new TenantNotFoundException(TenantApi.EXCHANGE, "Get-Mailbox", 200, null,
					"no mailbox answered to the identity");
		}
		Map<String, JsonNode> row = rows.get(0);
		return new MailboxForwarding(identity, string(row, "ForwardingSmtpAddress"), string(row, "ForwardingAddress"),
				bool(row, "DeliverToMailboxAndForward"));
	}

	/** Removes all forwarding from the mailbox. */
	public void clearMailboxForwarding(String identity) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("Identity", identity);
		parameters.put("ForwardingSmtpAddress", null);
		parameters.put("ForwardingAddress", null);
		parameters.put("DeliverToMailboxAndForward", false);
		invoke("Set-Mailbox", parameters);
	}

	/** Every inbox rule of the mailbox, hidden ones included. */
	public List<InboxRule> getInboxRules(String mailbox) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("Mailbox", mailbox);
		parameters.put("IncludeHidden", true);
		return invoke("Get-InboxRule", parameters).stream().map(ExchangeOnlineClient::inboxRule).toList();
	}

	/** Turns an inbox rule off without deleting it, so that the evidence stays. */
	public void disableInboxRule(String mailbox, String ruleIdentity) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("Mailbox", mailbox);
		parameters.put("Identity", ruleIdentity);
		parameters.put("Confirm", false);
		invoke("Disable-InboxRule", parameters);
	}

	/** The inbound connector's configuration. */
	public InboundConnector getInboundConnector(String identity) {
		List<Map<String, JsonNode>> rows = invoke("Get-InboundConnector", Map.of("Identity", identity));
		if (rows.isEmpty()) {
			throw new TenantNotFoundException(TenantApi.EXCHANGE, "Get-InboundConnector", 200, null,
					"no inbound connector answered to the identity");
		}
		Map<String, JsonNode> row = rows.get(0);
		return new InboundConnector(string(row, "Identity"), string(row, "Guid"), string(row, "ConnectorType"),
				bool(row, "Enabled"), strings(row, "SenderIPAddresses"), strings(row, "SenderDomains"),
				string(row, "TlsSenderCertificateName"), bool(row, "RequireTls"),
				bool(row, "RestrictDomainsToIPAddresses"), bool(row, "RestrictDomainsToCertificate"),
				date(row, "WhenCreatedUTC", "WhenCreated"), date(row, "WhenChangedUTC", "WhenChanged"),
				string(row, "Comment"));
	}

	/** The cmdlets whose audit records show who created, changed or removed an inbound connector. */
	static final String CONNECTOR_OPERATIONS = "New-InboundConnector,Set-InboundConnector,Remove-InboundConnector";

	/**
	 * Who created, changed or removed inbound connectors between the two instants, newest first, at most
	 * {@code limit} records. Needs the Audit Logs role and auditing turned on; the caller treats a refusal as
	 * "unavailable".
	 */
	public List<ConnectorChange> searchConnectorChanges(Instant start, Instant end, int limit) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("StartDate", start.toString());
		parameters.put("EndDate", end.toString());
		parameters.put("Operations", CONNECTOR_OPERATIONS);
		parameters.put("ResultSize", limit);
		List<ConnectorChange> changes = new ArrayList<>();
		for (Map<String, JsonNode> row : invoke("Search-UnifiedAuditLog", parameters)) {
			// AuditData is a JSON document in a string; ObjectId names the connector. Absent or unreadable: unknown.
			String objectId = null;
			String auditData = string(row, "AuditData");
			if (auditData != null) {
				try {
					JsonNode id = this.json.readTree(auditData).get("ObjectId");
					objectId = (id == null || id.isNull()) ? null : id.asText();
				}
				catch (JsonProcessingException unreadable) {
					objectId = null;
				}
			}
			changes.add(new ConnectorChange(date(row, "CreationDate", "CreationTime"), string(row, "UserIds"),
					string(row, "Operations"), objectId));
		}
		changes.sort(Comparator.comparing(ConnectorChange::at, Comparator.nullsLast(Comparator.reverseOrder())));
		return List.copyOf(changes.subList(0, Math.min(limit, changes.size())));
	}

	/**
	 * Runs a cmdlet and returns every row of every page, without OData annotation keys. Null parameter values are
	 * sent as JSON null (that is how a property is cleared).
	 */
	public List<Map<String, JsonNode>> invoke(String cmdlet, Map<String, ?> parameters) {
		ObjectNode body = this.json.createObjectNode();
		ObjectNode input = body.putObject("CmdletInput");
		input.put("CmdletName", cmdlet);
		input.set("Parameters", this.json.valueToTree(parameters));
		String payload = body.toString();
		URI first = UriComponentsBuilder.fromUri(this.endpoints.exchange())
			.path("/adminapi/beta/{tenant}/InvokeCommand")
			.encode()
			.buildAndExpand(this.properties.tenantId())
			.toUri();
		if (changes(cmdlet) && TenantDryRun.intercepted(TenantApi.EXCHANGE, cmdlet, "POST", first, body)) {
			return List.of();
		}
		JsonNode firstPage = post(cmdlet, payload, first);
		return this.http.items(TenantApi.EXCHANGE, cmdlet, this.endpoints.exchange(), firstPage,
				(next) -> post(cmdlet, payload, next))
			.stream()
			.map(ExchangeOnlineClient::withoutAnnotations)
			.toList();
	}

	/** One page: every page is asked for with the same body. */
	private JsonNode post(String cmdlet, String payload, URI page) {
		String tenant = this.properties.tenantId();
		return this.http.call(TenantApi.EXCHANGE, cmdlet,
				(rest) -> rest.post()
					.uri(page)
					.contentType(MediaType.APPLICATION_JSON)
					.accept(MediaType.APPLICATION_JSON)
					.header("X-AnchorMailbox", ANCHOR_MAILBOX + tenant)
					.header("X-CmdletName", cmdlet)
					.header("Prefer", "odata.maxpagesize=" + this.properties.exchangePageSize())
					.header("client-request-id", UUID.randomUUID().toString())
					.body(payload),
				(status, answer) -> answer, UnblockLimitReachedException::ifReached);
	}

	/** Whether a cmdlet changes the tenant (anything but reading): a dry run sends none of those. */
	private static boolean changes(String cmdlet) {
		String verb = cmdlet.toLowerCase(Locale.ROOT);
		return !(verb.startsWith("get-") || verb.startsWith("search-"));
	}

	private static Map<String, JsonNode> withoutAnnotations(JsonNode row) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			if (!field.getKey().contains("@")) {
				values.put(field.getKey(), field.getValue());
			}
		}
		return values;
	}

	private static BlockedSender blockedSender(Map<String, JsonNode> row) {
		String address = string(row, "SenderAddress");
		return new BlockedSender((address != null) ? address.toLowerCase(Locale.ROOT) : null, string(row, "Reason"),
				date(row, "CreatedDatetime", "CreatedDateTime"), date(row, "ChangedDatetime", "ChangedDateTime"),
				bool(row, "TemporaryBlock"));
	}

	private static BlockedConnector blockedConnector(Map<String, JsonNode> row) {
		String id = string(row, "ConnectorId");
		UUID connectorId = null;
		try {
			connectorId = (id != null) ? UUID.fromString(id.trim()) : null;
		}
		catch (IllegalArgumentException notGuid) {
			// Tolerated: the row is still shown; a case cannot be started for it without an id.
		}
		return new BlockedConnector(connectorId, string(row, "ConnectorName"), string(row, "Reason"),
				date(row, "CreatedTime", "CreatedDatetime"), date(row, "ExpirationTime", "ExpirationDatetime"));
	}

	private static InboxRule inboxRule(Map<String, JsonNode> row) {
		return new InboxRule(string(row, "Identity"), string(row, "Name"), bool(row, "Enabled"),
				addresses(row, "ForwardTo"), addresses(row, "ForwardAsAttachmentTo"), addresses(row, "RedirectTo"),
				bool(row, "DeleteMessage"), bool(row, "SoftDeleteMessage"), bool(row, "PermanentDelete"),
				string(row, "MoveToFolder"), string(row, "Description"));
	}

	private static String string(Map<String, JsonNode> row, String key) {
		JsonNode value = row.get(key);
		if (value == null || value.isNull()) {
			return null;
		}
		String text = value.isValueNode() ? value.asText() : value.toString();
		return text.isEmpty() ? null : text;
	}

	private static boolean bool(Map<String, JsonNode> row, String key) {
		JsonNode value = row.get(key);
		return value != null && (value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText()));
	}

	private static Instant date(Map<String, JsonNode> row, String... keys) {
		for (String key : keys) {
			Instant value = TenantDates.parse(string(row, key));
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static List<String> strings(Map<String, JsonNode> row, String key) {
		JsonNode value = row.get(key);
		List<String> items = new ArrayList<>();
		if (value == null || value.isNull()) {
			return items;
		}
		if (value.isArray()) {
			value.forEach((item) -> items.add(item.asText()));
		}
		else if (!value.asText().isBlank()) {
			items.add(value.asText());
		}
		return List.copyOf(items);
	}

	/** Recipients come as display strings such as {@code "Someone" [SMTP:someone@example.com]}; keep the address. */
	private static List<String> addresses(Map<String, JsonNode> row, String key) {
		List<String> found = new ArrayList<>();
		for (String item : strings(row, key)) {
			Matcher matcher = SMTP.matcher(item);
			String address = matcher.find() ? matcher.group(1) : item;
			address = address.toLowerCase(Locale.ROOT);
			if (!found.contains(address)) {
				found.add(address);
			}
		}
		return List.copyOf(found);
	}

}
