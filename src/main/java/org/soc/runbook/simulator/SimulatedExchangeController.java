package org.soc.runbook.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Exchange Online admin API: {@code POST /sim/exo/adminapi/beta/{tenant}/InvokeCommand} with
 * {@code {"CmdletInput":{"CmdletName":...,"Parameters":{...}}}}, answering flat rows with OData type annotations,
 * paging through {@code @odata.nextLink}, and failing the way the service does: {@code details[].message} as
 * {@code id|exception type|text}. Unknown cmdlets and unknown parameters are refused, which keeps the client honest.
 */
@RestController
@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "true")
@RequestMapping("/sim/exo/adminapi/beta")
class SimulatedExchangeController {

	private static final Map<String, Set<String>> CMDLET_PARAMETERS = Map.ofEntries(
			Map.entry("Get-BlockedSenderAddress", Set.of("SenderAddress")),
			Map.entry("Remove-BlockedSenderAddress", Set.of("SenderAddress", "Reason")),
			Map.entry("Get-BlockedConnector", Set.of("ConnectorId")),
			Map.entry("Remove-BlockedConnector", Set.of("ConnectorId", "Reason")),
			Map.entry("Get-Mailbox", Set.of("Identity")),
			Map.entry("Set-Mailbox",
					Set.of("Identity", "ForwardingSmtpAddress", "ForwardingAddress", "DeliverToMailboxAndForward")),
			Map.entry("Get-InboxRule", Set.of("Mailbox", "Identity", "IncludeHidden")),
			Map.entry("Disable-InboxRule", Set.of("Mailbox", "Identity", "Confirm")),
			Map.entry("Get-InboundConnector", Set.of("Identity")),
			Map.entry("Search-UnifiedAuditLog", Set.of("StartDate", "EndDate", "Operations", "ResultSize", "RecordType")),
			Map.entry("Get-AdminAuditLogConfig", Set.of()), Map.entry("Get-ProtectionAlert", Set.of("Identity")));

	/** The default alert policies the runbook's seeds name, with whom they notify by default. */
	private static final List<String> ALERT_POLICIES = List.of("User restricted from sending email",
			"Suspicious connector activity", "Email sending limit exceeded");

	/** The one mailbox database every simulated mailbox is on. */
	private static final String MAILBOX_DATABASE = "5e2a1c0b-7d3f-4e9a-8b6c-1f0e2d3c4b5a";

	private static final String NOT_FOUND = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException";

	private final SimulatorGate gate;

	SimulatedExchangeController(SimulatorGate gate) {
		this.gate = gate;
	}

	private SimulatedTenant tenant() {
		return this.gate.tenant();
	}

	@PostMapping(path = "/{tenant}/InvokeCommand", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> invokeCommand(@PathVariable("tenant") String tenantId, @RequestBody JsonNode body,
			@RequestParam(name = "$skiptoken", required = false) String skipToken,
			@RequestHeader(name = "Prefer", required = false) String prefer,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		JsonNode input = body.path("CmdletInput");
		String cmdlet = input.path("CmdletName").asText("");
		JsonNode parameters = input.path("Parameters");
		Map<String, String> logged = new LinkedHashMap<>();
		// A list parameter is logged as its JSON (["a","b"]), so tests see the shape the client sent, not only the words.
		parameters.fields()
			.forEachRemaining((f) -> logged.put(f.getKey(),
					f.getValue().isContainerNode() ? f.getValue().toString() : f.getValue().asText()));
		String target = firstText(parameters, "SenderAddress", "ConnectorId", "Mailbox", "Identity");
		return this.gate.handle(tenantId, SimulatedApi.EXCHANGE, cmdlet.isEmpty() ? "InvokeCommand" : cmdlet, authorization,
				target, logged, () -> {
					if (!tenantId.equalsIgnoreCase(tenant().tenantId())) {
						throw SimulatedError.raise(404, "TenantNotFound", "Tenant '" + tenantId + "' not found.");
					}
					checkParameters(cmdlet, parameters);
					List<ObjectNode> rows = run(cmdlet, parameters);
					int pageSize = Math.min(tenant().pageSize(), preferredPageSize(prefer));
					ObjectNode answer = SimulatorPaging.page(this.gate.object(), rows, skipToken, pageSize,
							"https://outlook.office.com/adminapi/beta/" + tenantId
									+ "/$metadata#Collection(Exchange.GenericHashTable)");
					answer.put("adminapi.warnings@odata.type", "#Collection(String)");
					answer.putArray("@adminapi.warnings");
					return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
				});
	}

	private List<ObjectNode> run(String cmdlet, JsonNode p) {
		return switch (cmdlet) {
			case "Get-BlockedSenderAddress" -> getBlockedSenders(text(p, "SenderAddress"));
			case "Remove-BlockedSenderAddress" -> removeBlockedSender(required(p, "SenderAddress"));
			case "Get-BlockedConnector" -> getBlockedConnectors(text(p, "ConnectorId"));
			case "Remove-BlockedConnector" -> removeBlockedConnector(required(p, "ConnectorId"));
			case "Get-Mailbox" -> List.of(mailbox(mailboxUser(required(p, "Identity"))));
			case "Set-Mailbox" -> setMailbox(p);
			case "Get-InboxRule" -> getInboxRules(required(p, "Mailbox"), text(p, "Identity"),
					p.path("IncludeHidden").asBoolean(false));
			case "Disable-InboxRule" -> disableInboxRule(required(p, "Mailbox"), required(p, "Identity"));
			case "Get-InboundConnector" -> getInboundConnectors(text(p, "Identity"));
			case "Search-UnifiedAuditLog" -> searchAuditLog(required(p, "StartDate"), required(p, "EndDate"),
					p.get("Operations"), p.path("ResultSize").asInt(100));
			case "Get-AdminAuditLogConfig" -> List.of(adminAuditLogConfig());
			case "Get-ProtectionAlert" -> protectionAlerts(text(p, "Identity"));
			default -> throw SimulatedError.raise(400, "System.Management.Automation.CommandNotFoundException",
					"The term '" + cmdlet + "' is not recognized as a name of a cmdlet, function, script file, or "
							+ "executable program.");
		};
	}

	private ObjectNode adminAuditLogConfig() {
		ObjectNode row = this.gate.object()
			.put("Identity", "Admin Audit Log Settings")
			.put("AdminAuditLogEnabled", true)
			.put("UnifiedAuditLogIngestionEnabled", tenant().unifiedAuditLog())
			.put("UnifiedAuditLogFirstOptInDate@odata.type", "#DateTime")
			.put("UnifiedAuditLogFirstOptInDate", "2024-03-01T10:00:00Z")
			.put("AdminAuditLogCmdlets@odata.type", "#Collection(String)");
		row.putArray("AdminAuditLogCmdlets").add("*");
		return row;
	}

	/** The alert policies, as Security and Compliance PowerShell's Get-ProtectionAlert lists them. */
	private List<ObjectNode> protectionAlerts(String identity) {
		List<ObjectNode> rows = new ArrayList<>();
		for (String name : ALERT_POLICIES) {
			if (identity != null && !identity.equalsIgnoreCase(name)) {
				continue;
			}
			ObjectNode row = this.gate.object()
				.put("Identity", name)
				.put("Name", name)
				.put("Disabled", !tenant().alertPolicyEnabled(name))
				.put("IsSystemRule", true)
				.put("NotificationEnabled", true)
				.put("Severity", "High")
				.put("Category", "ThreatManagement");
			row.putArray("NotifyUser").add("TenantAdmins");
			rows.add(row);
		}
		if (identity != null && rows.isEmpty()) {
			throw SimulatedError.raise(404, NOT_FOUND, "The operation couldn't be performed because object '"
					+ identity + "' couldn't be found.");
		}
		return rows;
	}

	private List<ObjectNode> getBlockedSenders(String address) {
		List<ObjectNode> rows = new ArrayList<>();
		for (SimulatedTenant.BlockedEntity blocked : (address != null)
				? tenant().visibleBlockedSender(address).stream().toList() : tenant().visibleBlockedSenders()) {
			ObjectNode row = this.gate.object()
				.put("SenderAddress", blocked.key)
				.put("Reason", blocked.reason)
				.put("CreatedDatetime", blocked.created.toString())
				.put("ChangedDatetime", blocked.created.toString())
				.put("TemporaryBlock", false);
			row.put("TemporaryBlock@odata.type", "#Boolean");
			rows.add(row);
		}
		return rows;
	}

	private List<ObjectNode> removeBlockedSender(String address) {
		SimulatedTenant.BlockedEntity blocked = tenant().visibleBlockedSender(address)
			.orElseThrow(() -> SimulatedError.raise(400, NOT_FOUND,
					"The operation couldn't be performed because object '" + address + "' couldn't be found."));
		tenant().unblock(blocked);
		return List.of();
	}

	private List<ObjectNode> getBlockedConnectors(String connectorId) {
		List<ObjectNode> rows = new ArrayList<>();
		for (Map.Entry<UUID, SimulatedTenant.BlockedEntity> entry : tenant().visibleBlockedConnectors()) {
			if (connectorId != null && !entry.getKey().toString().equalsIgnoreCase(connectorId.trim())) {
				continue;
			}
			SimulatedTenant.Connector connector = tenant().connector(entry.getKey());
			String[] names = tenant().blockedConnectorNames();
			ObjectNode row = this.gate.object()
				.put(names[0], entry.getKey().toString())
				.put(names[1], connector.spec.name())
				.put("TenantId", tenant().tenantId())
				.put("Reason", entry.getValue().reason)
				.put("CreatedTime", entry.getValue().created.toString())
				.putNull("ExpirationTime");
			row.put(names[0] + "@odata.type", "#Guid");
			rows.add(row);
		}
		return rows;
	}

	private List<ObjectNode> removeBlockedConnector(String connectorId) {
		SimulatedTenant.BlockedEntity blocked = tenant().visibleBlockedConnectors()
			.stream()
			.filter((e) -> e.getKey().toString().equalsIgnoreCase(connectorId.trim()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> SimulatedError.raise(400, NOT_FOUND,
					"The operation couldn't be performed because object '" + connectorId + "' couldn't be found."));
		tenant().unblock(blocked);
		return List.of();
	}

	private SimulatedTenant.User mailboxUser(String identity) {
		return tenant().findUser(identity)
			.orElseThrow(() -> SimulatedError.raise(400, NOT_FOUND,
					"The operation couldn't be performed because object '" + identity + "' couldn't be found on '"
							+ "AM0PR01A001DC01.EURPR01A001.prod.outlook.com'."));
	}

	private ObjectNode mailbox(SimulatedTenant.User user) {
		ObjectNode row = this.gate.object()
			.put("Identity", user.upn.substring(0, user.upn.indexOf('@')))
			.put("DisplayName", user.displayName)
			.put("UserPrincipalName", user.upn)
			.put("PrimarySmtpAddress", user.upn)
			.put("RecipientTypeDetails", "UserMailbox")
			.put("DatabaseGuid@odata.type", "#Guid")
			.put("DatabaseGuid", MAILBOX_DATABASE)
			.put("DeliverToMailboxAndForward", user.deliverToMailboxAndForward);
		putNullable(row, "ForwardingSmtpAddress", user.forwardingSmtpAddress);
		putNullable(row, "ForwardingAddress", user.forwardingAddress);
		row.putArray("EmailAddresses").add("SMTP:" + user.upn);
		row.put("EmailAddresses@odata.type", "#Collection(String)");
		return row;
	}

	private List<ObjectNode> setMailbox(JsonNode p) {
		SimulatedTenant.User user = mailboxUser(required(p, "Identity"));
		if (p.has("ForwardingSmtpAddress")) {
			JsonNode value = p.get("ForwardingSmtpAddress");
			user.forwardingSmtpAddress = value.isNull() ? null : "smtp:" + value.asText();
		}
		if (p.has("ForwardingAddress")) {
			JsonNode value = p.get("ForwardingAddress");
			user.forwardingAddress = value.isNull() ? null : value.asText();
		}
		if (p.has("DeliverToMailboxAndForward")) {
			user.deliverToMailboxAndForward = p.get("DeliverToMailboxAndForward").asBoolean();
		}
		return List.of();
	}

	private List<ObjectNode> getInboxRules(String mailbox, String identity, boolean includeHidden) {
		SimulatedTenant.User user = mailboxUser(mailbox);
		List<ObjectNode> rows = new ArrayList<>();
		int priority = 1;
		for (SimulatedTenant.Rule rule : user.rules) {
			if ((rule.spec.hidden() && !includeHidden) || (identity != null && !matches(rule, identity))) {
				continue;
			}
			ObjectNode row = this.gate.object()
				.put("Identity", rule.identity)
				.put("RuleIdentity", rule.identity.substring(rule.identity.indexOf('\\') + 1))
				.put("Name", rule.spec.name())
				.put("Enabled", rule.enabled)
				.put("Priority", priority++)
				.put("MailboxOwnerId", user.upn)
				.put("DeleteMessage", rule.spec.deleteMessage())
				.put("SoftDeleteMessage", false)
				.put("PermanentDelete", false)
				.put("MarkAsRead", rule.spec.deleteMessage())
				.put("StopProcessingRules", true)
				.put("InError", false);
			addressList(row.putArray("ForwardTo"), rule.spec.forwardTo());
			row.put("ForwardTo@odata.type", "#Collection(String)");
			addressList(row.putArray("RedirectTo"), rule.spec.redirectTo());
			row.putNull("ForwardAsAttachmentTo");
			putNullable(row, "MoveToFolder", rule.spec.moveToFolder());
			row.put("Description", describe(rule));
			rows.add(row);
		}
		return rows;
	}

	private List<ObjectNode> disableInboxRule(String mailbox, String identity) {
		SimulatedTenant.User user = mailboxUser(mailbox);
		SimulatedTenant.Rule rule = user.rules.stream()
			.filter((r) -> matches(r, identity))
			.findFirst()
			.orElseThrow(() -> SimulatedError.raise(400, NOT_FOUND,
					"The operation couldn't be performed because object '" + identity + "' couldn't be found."));
		rule.enabled = false;
		return List.of();
	}

	private List<ObjectNode> getInboundConnectors(String identity) {
		List<SimulatedTenant.Connector> found = new ArrayList<>();
		if (identity == null) {
			found.addAll(tenant().connectors());
		}
		else {
			found.add(tenant().findConnector(identity)
				.orElseThrow(() -> SimulatedError.raise(400, NOT_FOUND,
						"The operation couldn't be performed because object '" + identity + "' couldn't be found.")));
		}
		List<ObjectNode> rows = new ArrayList<>();
		for (SimulatedTenant.Connector connector : found) {
			SimulatedTenant.InboundConnectorSpec spec = connector.spec;
			ObjectNode row = this.gate.object()
				.put("Identity", spec.name())
				.put("Name", spec.name())
				.put("Guid", connector.guid.toString())
				.put("ConnectorType", spec.connectorType())
				.put("ConnectorSource", "Default")
				.put("Enabled", true)
				.put("RequireTls", spec.tlsSenderCertificateName() != null)
				.put("RestrictDomainsToIPAddresses", spec.restrictDomainsToIpAddresses())
				.put("RestrictDomainsToCertificate", spec.restrictDomainsToCertificate())
				.put("CloudServicesMailEnabled", false)
				.put("TreatMessagesAsInternal", false)
				// The server's local time without an offset beside the UTC one, as Exchange prints both.
				.put("WhenCreated", LocalDateTime.ofInstant(spec.whenCreated(), ZoneOffset.UTC).toString())
				.put("WhenChanged", LocalDateTime.ofInstant(spec.whenChanged(), ZoneOffset.UTC).toString())
				.put("WhenCreatedUTC", spec.whenCreated().toString())
				.put("WhenChangedUTC", spec.whenChanged().toString());
			addAll(row.putArray("SenderIPAddresses"), spec.senderIpAddresses());
			row.put("SenderIPAddresses@odata.type", "#Collection(String)");
			// Exchange prints sender domains as address spaces: smtp:<domain>;<cost>.
			addAll(row.putArray("SenderDomains"),
					spec.senderDomains().stream().map((domain) -> "smtp:" + domain + ";1").toList());
			row.put("SenderDomains@odata.type", "#Collection(String)");
			putNullable(row, "TlsSenderCertificateName", spec.tlsSenderCertificateName());
			putNullable(row, "Comment", spec.comment());
			rows.add(row);
		}
		return rows;
	}

	/** The audit records in the window, as the cmdlet prints them: AuditData is a JSON document in a string. */
	private List<ObjectNode> searchAuditLog(String startDate, String endDate, JsonNode operations, int resultSize) {
		Instant start;
		Instant end;
		try {
			start = Instant.parse(startDate);
			end = Instant.parse(endDate);
		}
		catch (DateTimeParseException ex) {
			throw SimulatedError.raise(400, "System.Management.Automation.ParameterBindingException",
					"Cannot bind parameter 'StartDate'. Cannot convert value to type \"System.DateTime\".");
		}
		// -Operations is a list (MultiValuedProperty): a JSON array, one operation per element. A single string is a
		// list of one, as PowerShell binds it, so "New-X,Set-X" names one operation that does not exist and finds
		// nothing, as the real service would.
		Set<String> wanted = new HashSet<>();
		if (operations != null && operations.isArray()) {
			operations.forEach((operation) -> wanted.add(operation.asText().trim().toLowerCase(Locale.ROOT)));
		}
		else if (operations != null && !operations.isNull()) {
			wanted.add(operations.asText().trim().toLowerCase(Locale.ROOT));
		}
		List<ObjectNode> rows = new ArrayList<>();
		for (SimulatedTenant.AuditRecord record : tenant().auditLog()) {
			if (record.at().isBefore(start) || record.at().isAfter(end)
					|| (!wanted.isEmpty() && !wanted.contains(record.operation().toLowerCase(Locale.ROOT)))) {
				continue;
			}
			ObjectNode auditData = this.gate.object()
				.put("CreationTime", record.at().toString())
				.put("Operation", record.operation())
				.put("UserId", record.userId())
				.put("ObjectId", record.objectId())
				.put("Workload", "Exchange");
			rows.add(this.gate.object()
				.put("RecordType", "ExchangeAdmin")
				.put("CreationDate", record.at().toString())
				.put("UserIds", record.userId())
				.put("Operations", record.operation())
				.put("AuditData", auditData.toString())
				.put("ResultIndex", rows.size() + 1));
			if (rows.size() >= resultSize) {
				break;
			}
		}
		return rows;
	}

	private static boolean matches(SimulatedTenant.Rule rule, String identity) {
		return rule.identity.equalsIgnoreCase(identity) || rule.spec.name().equalsIgnoreCase(identity)
				|| rule.identity.endsWith("\\" + identity);
	}

	private static String describe(SimulatedTenant.Rule rule) {
		StringBuilder text = new StringBuilder("If the message:\r\n\tTake the following actions:\r\n");
		rule.spec.forwardTo().forEach((a) -> text.append("\tforward the message to '").append(a).append("'\r\n"));
		rule.spec.redirectTo().forEach((a) -> text.append("\tredirect the message to '").append(a).append("'\r\n"));
		if (rule.spec.deleteMessage()) {
			text.append("\tdelete the message\r\n");
		}
		if (rule.spec.moveToFolder() != null) {
			text.append("\tmove the message to folder '").append(rule.spec.moveToFolder()).append("'\r\n");
		}
		return text.toString();
	}

	private static void checkParameters(String cmdlet, JsonNode parameters) {
		Set<String> allowed = CMDLET_PARAMETERS.get(cmdlet);
		if (allowed == null) {
			return;
		}
		Iterator<String> names = parameters.fieldNames();
		while (names.hasNext()) {
			String name = names.next();
			if (!allowed.contains(name)) {
				throw SimulatedError.raise(400, "System.Management.Automation.ParameterBindingException",
						"A parameter cannot be found that matches parameter name '" + name + "'.");
			}
		}
	}

	private static int preferredPageSize(String prefer) {
		if (prefer != null) {
			for (String part : prefer.split(",")) {
				String item = part.trim().toLowerCase(Locale.ROOT);
				if (item.startsWith("odata.maxpagesize=")) {
					try {
						return Math.max(1, Integer.parseInt(item.substring("odata.maxpagesize=".length())));
					}
					catch (NumberFormatException ignored) {
						// fall through to the default
					}
				}
			}
		}
		return 100;
	}

	private static String required(JsonNode p, String name) {
		String value = text(p, name);
		if (value == null || value.isBlank()) {
			throw SimulatedError.raise(400, "System.Management.Automation.ParameterBindingException",
					"Cannot bind argument to parameter '" + name + "' because it is null or empty.");
		}
		return value;
	}

	private static String text(JsonNode p, String name) {
		JsonNode value = p.get(name);
		return (value == null || value.isNull()) ? null : value.asText();
	}

	private static String firstText(JsonNode p, String... names) {
		for (String name : names) {
			String value = text(p, name);
			if (value != null) {
				return value;
			}
		}
		return "";
	}

	private static void addressList(ArrayNode array, List<String> addresses) {
		if (addresses != null) {
			addresses.forEach((a) -> array.add("\"" + a + "\" [SMTP:" + a + "]"));
		}
	}

	private static void addAll(ArrayNode array, List<String> values) {
		if (values != null) {
			values.forEach(array::add);
		}
	}

	private static void putNullable(ObjectNode row, String key, String value) {
		if (value == null) {
			row.putNull(key);
		}
		else {
			row.put(key, value);
		}
	}

}
