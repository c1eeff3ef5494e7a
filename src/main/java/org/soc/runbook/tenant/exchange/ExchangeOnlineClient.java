package org.soc.runbook.tenant.exchange;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.tenant.TenantApi;
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
 * command. Pages are followed through {@code @odata.nextLink} with the same body; each row is bound to its payload
 * record, which reads only the properties it knows (not the OData annotations, {@code X@odata.type}). Shapes follow
 * Microsoft's documentation of the admin API's InvokeCommand and of each cmdlet's output.
 */
public class ExchangeOnlineClient {

	/** The system mailbox that app-only calls anchor on. */
	static final String ANCHOR_MAILBOX = "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@";

	private static final Logger LOG = LoggerFactory.getLogger(ExchangeOnlineClient.class);

	/**
	 * The cmdlets whose output Microsoft does not document: the restriction lists (their rows' property names come
	 * from public clients), the unblocks (no output: an empty list or no list at all), and the alert policies (a
	 * Security and Compliance cmdlet). What Exchange answered to each is logged once per node, property names only,
	 * so that the first run against a real tenant shows whether the guesses hold.
	 */
	static final Set<String> UNDOCUMENTED_OUTPUT = Set.of("Get-BlockedSenderAddress", "Remove-BlockedSenderAddress",
			"Get-BlockedConnector", "Remove-BlockedConnector", "Get-ProtectionAlert");

	/** The undocumented cmdlets whose answer was logged already. */
	private final Set<String> shapesReported = ConcurrentHashMap.newKeySet();

	/** Whether a blocked connector's row without a readable id was reported already (once per node is enough). */
	private final AtomicBoolean unreadConnectorRowReported = new AtomicBoolean();

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
		return rows("Get-BlockedSenderAddress", Map.of(), BlockedSender.class);
	}

	/** The block on one address; empty when it is not blocked (an empty answer and "not found" both mean that). */
	public Optional<BlockedSender> getBlockedSenderAddress(String senderAddress) {
		return block("Get-BlockedSenderAddress", "SenderAddress", senderAddress, BlockedSender.class,
				(b) -> senderAddress.equalsIgnoreCase(b.senderAddress()));
	}

	/**
	 * Asks Microsoft to lift the block; it takes effect within an hour, at most 24. Throws
	 * {@link UnblockLimitReachedException} when the account was unblocked too often already.
	 */
	public void removeBlockedSenderAddress(String senderAddress, String reason) {
		unblock("Remove-BlockedSenderAddress", "SenderAddress", senderAddress, reason);
	}

	/** Every blocked inbound connector, all pages. */
	public List<BlockedConnector> getBlockedConnectors() {
		return blockedConnectors(invoke("Get-BlockedConnector", Map.of()));
	}

	/**
	 * The block on one connector; empty when it is not blocked. A row that names no connector in a way this client
	 * reads is still the one asked for: Exchange filtered by the id.
	 */
	public Optional<BlockedConnector> getBlockedConnector(UUID connectorId) {
		try {
			return blockedConnectors(invoke("Get-BlockedConnector", Map.of("ConnectorId", connectorId.toString())))
				.stream()
				.filter((b) -> b.connectorId() == null || connectorId.equals(b.connectorId()))
				.map((b) -> (b.connectorId() != null) ? b
						: new BlockedConnector(connectorId, b.connectorName(), b.reason(), b.createdTime(),
								b.expirationTime()))
				.findFirst();
		}
		catch (TenantNotFoundException notBlocked) {
			return Optional.empty();
		}
	}

	/**
	 * The rows as blocked connectors. Microsoft does not document the cmdlet's output: a row whose connector id this
	 * client cannot find under any name it knows is reported once, with the property names Exchange sent, so that an
	 * operator can see why the poller opens no case for it.
	 */
	private List<BlockedConnector> blockedConnectors(List<JsonNode> rows) {
		List<BlockedConnector> connectors = this.http.bind(rows, BlockedConnector.class);
		for (int i = 0; i < connectors.size(); i++) {
			if (connectors.get(i).connectorId() == null && this.unreadConnectorRowReported.compareAndSet(false, true)) {
				List<String> names = new ArrayList<>();
				rows.get(i).fieldNames().forEachRemaining(names::add);
				LOG.warn("Get-BlockedConnector answered a row without a connector id under any of {}; its properties: "
						+ "{}. Such a connector gets no case until the client reads the name Exchange uses.",
						BlockedConnector.ID_NAMES, names);
			}
		}
		return connectors;
	}

	/** Asks Microsoft to lift a connector's block; takes up to an hour. */
	public void removeBlockedConnector(UUID connectorId, String reason) {
		unblock("Remove-BlockedConnector", "ConnectorId", connectorId.toString(), reason);
	}

	/** The block on one entity; empty when it is not blocked (an empty answer and "not found" both mean that). */
	private <T> Optional<T> block(String cmdlet, String parameter, String entity, Class<T> type, Predicate<T> isIt) {
		try {
			return rows(cmdlet, Map.of(parameter, entity), type).stream().filter(isIt).findFirst();
		}
		catch (TenantNotFoundException notBlocked) {
			return Optional.empty();
		}
	}

	private void unblock(String cmdlet, String parameter, String entity, String reason) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put(parameter, entity);
		if (reason != null && !reason.isBlank()) {
			parameters.put("Reason", reason);
		}
		invoke(cmdlet, parameters);
	}

	/**
	 * Whether unified audit log ingestion is on ({@code Get-AdminAuditLogConfig}); without it the audit log names no
	 * one who changed a connector. Empty when the answer does not say.
	 */
	public Optional<Boolean> unifiedAuditLogEnabled() {
		List<JsonNode> rows = invoke("Get-AdminAuditLogConfig", Map.of());
		return rows.stream()
			.map((row) -> row.get("UnifiedAuditLogIngestionEnabled"))
			.filter((value) -> value != null && !value.isNull())
			.map((value) -> value.isBoolean() ? value.booleanValue() : Boolean.parseBoolean(value.asText()))
			.findFirst();
	}

	/**
	 * The alert policy of that name ({@code Get-ProtectionAlert}, a Security and Compliance cmdlet; whether the admin
	 * API serves it is not documented): empty when there is none.
	 */
	public Optional<AlertPolicy> getAlertPolicy(String name) {
		try {
			return this.http.bind(invoke("Get-ProtectionAlert", Map.of("Identity", name)), AlertPolicy.class)
				.stream()
				.findFirst();
		}
		catch (TenantNotFoundException none) {
			return Optional.empty();
		}
	}

	/** The forwarding set on the mailbox. */
	public MailboxForwarding getMailboxForwarding(String identity) {
		List<MailboxForwarding> rows = rows("Get-Mailbox", Map.of("Identity", identity), MailboxForwarding.class);
		if (rows.isEmpty()) {
			throw new TenantNotFoundException(TenantApi.EXCHANGE, "Get-Mailbox", 200, null,
					"no mailbox answered to the identity");
		}
		return rows.get(0).withIdentity(identity);
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
		return rows("Get-InboxRule", parameters, InboxRule.class);
	}

	/** Turns an inbox rule off without deleting it, so that the evidence stays. */
	public void disableInboxRule(String mailbox, String ruleIdentity) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("Mailbox", mailbox);
		parameters.put("Identity", ruleIdentity);
		parameters.put("Confirm", false);
		invoke("Disable-InboxRule", parameters);
	}

	/** Every inbound connector's configuration (to find the one an alert names by its domain or IP address). */
	public List<InboundConnector> listInboundConnectors() {
		return rows("Get-InboundConnector", Map.of(), InboundConnector.class);
	}

	/** One inbound connector by identity (name or GUID). */
	public InboundConnector getInboundConnector(String identity) {
		List<InboundConnector> rows = rows("Get-InboundConnector", Map.of("Identity", identity),
				InboundConnector.class);
		if (rows.isEmpty()) {
			throw new TenantNotFoundException(TenantApi.EXCHANGE, "Get-InboundConnector", 200, null,
					"no inbound connector answered to the identity");
		}
		return rows.get(0);
	}

	/** The cmdlets whose audit records show who created, changed or removed an inbound connector. */
	static final List<String> CONNECTOR_OPERATIONS = List.of("New-InboundConnector", "Set-InboundConnector",
			"Remove-InboundConnector");

	/**
	 * Who created, changed or removed inbound connectors between the two instants, newest first, at most
	 * {@code limit} records. Needs the Audit Logs role and auditing turned on; the caller treats a refusal as
	 * "unavailable".
	 */
	public List<ConnectorChange> searchConnectorChanges(Instant start, Instant end, int limit) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("StartDate", start.toString());
		parameters.put("EndDate", end.toString());
		// A list parameter goes as a JSON array: one comma-joined string would name a single operation that does not
		// exist, and the audit log would answer with nothing.
		parameters.put("Operations", CONNECTOR_OPERATIONS);
		parameters.put("ResultSize", limit);
		List<ConnectorChange> changes = new ArrayList<>(
				rows("Search-UnifiedAuditLog", parameters, ConnectorChange.class));
		changes.sort(Comparator.comparing(ConnectorChange::at, Comparator.nullsLast(Comparator.reverseOrder())));
		return List.copyOf(changes.subList(0, Math.min(limit, changes.size())));
	}

	/** Every row of every page, each as the payload record it binds to. */
	private <T> List<T> rows(String cmdlet, Map<String, ?> parameters, Class<T> type) {
		return this.http.bind(invoke(cmdlet, parameters), type);
	}

	/**
	 * Runs a cmdlet and returns every row of every page. Null parameter values are sent as JSON null (that is how a
	 * property is cleared).
	 */
	private List<JsonNode> invoke(String cmdlet, Map<String, ?> parameters) {
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
		List<JsonNode> rows = this.http.items(TenantApi.EXCHANGE, cmdlet, this.endpoints.exchange(), firstPage,
				(next) -> post(cmdlet, payload, next));
		if (UNDOCUMENTED_OUTPUT.contains(cmdlet) && this.shapesReported.add(cmdlet)) {
			LOG.info("Exchange answered {} (output not documented by Microsoft; logged once): {}", cmdlet,
					shape(firstPage, rows));
		}
		return rows;
	}

	/** An answer's shape in words: whether it had a list, how many rows, the first row's property names (no values). */
	static String shape(JsonNode firstPage, List<JsonNode> rows) {
		if (firstPage == null || !firstPage.has("value")) {
			return "no value list";
		}
		if (rows.isEmpty()) {
			return "an empty value list";
		}
		List<String> names = new ArrayList<>();
		rows.get(0).fieldNames().forEachRemaining((name) -> {
			if (!name.contains("@")) {
				names.add(name);
			}
		});
		return rows.size() + " row(s), the first with properties " + names;
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

}
