package org.soc.runbook.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The Microsoft Graph paths the runbook uses, v1.0 and beta, in the shapes Microsoft documents for Graph: users,
 * password reset, session revocation, per-user MFA (beta), group membership, authentication methods, inbox message
 * rules (hidden ones are not shown, as in Graph), sign-in logs (P1), risky users (P2) and {@code security/alerts_v2}
 * with its documented filter fields only.
 */
@RestController
@ConditionalOnProperty(name = "runbook.simulator.enabled", havingValue = "true")
@RequestMapping("/sim/graph/{version:v1\\.0|beta}")
class SimulatedGraphController {

	private static final Set<String> ALERT_FILTER_FIELDS = Set.of("assignedTo", "classification", "determination",
			"createdDateTime", "lastUpdateDateTime", "severity", "serviceSource", "status");

	private static final Pattern USER_ID_CLAUSE = Pattern.compile("userId eq '((?:[^']|'')*)'");

	private static final Pattern CREATED_GE_CLAUSE = Pattern.compile("createdDateTime ge (\\S+)");

	/** The reads a batch may hold here: the runbook batches the evidence's reads only. */
	private static final Pattern BATCH_USER = Pattern.compile("/users/([^/]+)");

	/** The application id of Office 365 Exchange Online, which mail clients sign in to. */
	private static final String EXCHANGE_ONLINE_APP = "00000002-0000-0ff1-ce00-000000000000";

	/** Where the demo's sign-ins come from, as Graph places them (latitude, longitude). */
	private static final Map<String, double[]> CITIES = Map.of("London", new double[] { 51.5072, -0.1276 },
			"Lagos", new double[] { 6.4541, 3.3947 }, "Seattle", new double[] { 47.6062, -122.3321 },
			"Chicago", new double[] { 41.8781, -87.6298 }, "Reading", new double[] { 51.4543, -0.9781 },
			"Redmond", new double[] { 47.6740, -122.1215 }, "Moscow", new double[] { 55.7558, 37.6173 },
			"Amsterdam", new double[] { 52.3676, 4.9041 });

	private static final Pattern BATCH_METHODS = Pattern.compile("/users/([^/]+)/authentication/methods");

	private static final Pattern BATCH_RULES = Pattern.compile("/users/([^/]+)/mailFolders/inbox/messageRules");

	private static final Pattern BATCH_RISKY_USER = Pattern.compile("/identityProtection/riskyUsers/([^/]+)");

	private static final int MAX_BATCH = 20;

	private static final Pattern FILTER_FIELD = Pattern.compile("(?:^|\\band\\b|\\bor\\b|\\()\\s*([A-Za-z/]+)\\s+"
			+ "(?:eq|ne|ge|gt|le|lt|in)\\b");

	private final SimulatorGate gate;

	SimulatedGraphController(SimulatorGate gate) {
		this.gate = gate;
	}

	private SimulatedTenant tenant() {
		return this.gate.tenant();
	}

	@GetMapping("/users/{id}")
	ResponseEntity<?> getUser(@PathVariable String id, @RequestParam(name = "$select", required = false) String select,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "getUser", authorization, id, params("$select", select), () -> {
			SimulatedTenant.User user = tenant().user(id);
			ObjectNode all = this.gate.object()
				.put("id", user.id)
				.put("userPrincipalName", user.upn)
				.put("displayName", user.displayName)
				.put("mail", user.upn)
				.put("accountEnabled", user.accountEnabled)
				.put("mobilePhone", user.mobilePhone);
			user.businessPhones.forEach(all.putArray("businessPhones")::add);
			if (user.onPremisesSync) {
				all.put("onPremisesSyncEnabled", true);
			}
			else {
				all.putNull("onPremisesSyncEnabled");
			}
			// Graph returns a default property set; accountEnabled and onPremisesSyncEnabled only when selected.
			Set<String> wanted = (select != null) ? Set.of(select.split(","))
					: Set.of("id", "userPrincipalName", "displayName", "mail");
			ObjectNode body = this.gate.object()
				.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users/$entity");
			all.fields().forEachRemaining((f) -> {
				if (wanted.contains(f.getKey()) || "id".equals(f.getKey())) {
					body.set(f.getKey(), f.getValue());
				}
			});
			return json(body);
		});
	}

	@PatchMapping(path = "/users/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> updateUser(@PathVariable String id, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		boolean reset = body.has("passwordProfile");
		Map<String, String> logged = new LinkedHashMap<>();
		if (reset) {
			// The password itself is never logged, not even here.
			logged.put("forceChangePasswordNextSignIn",
					body.path("passwordProfile").path("forceChangePasswordNextSignIn").asText("false"));
		}
		if (body.has("accountEnabled")) {
			logged.put("accountEnabled", body.path("accountEnabled").asText());
		}
		return this.gate.handle(SimulatedApi.GRAPH, reset ? "resetPassword" : "updateUser", authorization, id, logged,
				() -> {
					SimulatedTenant.User user = tenant().user(id);
					if (reset) {
						JsonNode profile = body.path("passwordProfile");
						tenant().resetPassword(user, profile.path("password").asText(null),
								profile.path("forceChangePasswordNextSignIn").asBoolean(false));
					}
					if (body.has("accountEnabled")) {
						user.accountEnabled = body.path("accountEnabled").asBoolean();
					}
					return ResponseEntity.noContent().build();
				});
	}

	@PostMapping("/users/{id}/revokeSignInSessions")
	ResponseEntity<?> revokeSignInSessions(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "revokeSignInSessions", authorization, id, Map.of(), () -> {
			tenant().revokeSessions(tenant().user(id));
			return json(this.gate.object()
				.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean")
				.put("value", true));
		});
	}

	@GetMapping("/users/{id}/authentication/requirements")
	ResponseEntity<?> getMfaState(@PathVariable String version, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "getPerUserMfaState", authorization, id, Map.of(), () -> {
			requireBeta(version);
			return json(this.gate.object()
				.put("@odata.context", "https://graph.microsoft.com/beta/$metadata#strongAuthenticationRequirements")
				.put("perUserMfaState", tenant().user(id).mfaState));
		});
	}

	@PatchMapping(path = "/users/{id}/authentication/requirements", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> setMfaState(@PathVariable String version, @PathVariable String id, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		String state = body.path("perUserMfaState").asText("");
		return this.gate.handle(SimulatedApi.GRAPH, "setPerUserMfaState", authorization, id,
				params("perUserMfaState", state), () -> {
					requireBeta(version);
					if (!Set.of("disabled", "enabled", "enforced").contains(state)) {
						throw SimulatedError.raise(400, "badRequest", "Invalid perUserMfaState '" + state + "'.");
					}
					SimulatedTenant.User user = tenant().user(id);
					// Microsoft: enabling MFA for a user who already has a method registered turns it to enforced.
					boolean hasSecondFactor = user.methods.stream()
						.anyMatch((m) -> !"passwordAuthenticationMethod".equals(m[1]));
					user.mfaState = ("enabled".equals(state) && hasSecondFactor) ? "enforced" : state;
					return ResponseEntity.noContent().build();
				});
	}

	/** Graph's {@code PATCH /security/alerts_v2/{id}}: status and classification; answers the alert's state. */
	@PatchMapping(path = "/security/alerts_v2/{alertId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> updateAlert(@PathVariable String alertId, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "updateAlert", authorization, alertId,
				params("status", body.path("status").asText("")), () -> {
					String status = body.path("status").asText(null);
					if (status != null && !List.of("new", "inProgress", "resolved").contains(status)) {
						throw SimulatedError.raise(400, "BadRequest", "Invalid value '" + status + "' for status.");
					}
					tenant().updateAlert(alertId, status, body.path("classification").asText(null));
					SimulatedTenant.AlertUpdate state = tenant().alertState(alertId);
					return json(this.gate.object()
						.put("id", alertId)
						.put("status", state.status())
						.put("classification", state.classification()));
				});
	}

	/** Graph's {@code POST /security/alerts_v2/{id}/comments}: answers every comment of the alert. */
	@PostMapping(path = "/security/alerts_v2/{alertId}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> commentOnAlert(@PathVariable String alertId, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "commentOnAlert", authorization, alertId, Map.of(), () -> {
			String comment = body.path("comment").asText("");
			if (comment.isBlank()) {
				throw SimulatedError.raise(400, "BadRequest", "The comment is empty.");
			}
			ObjectNode answer = this.gate.object();
			ArrayNode value = answer.putArray("value");
			for (String each : tenant().commentOnAlert(alertId, comment)) {
				value.addObject().put("comment", each).put("createdByDisplayName", "Restricted Entity Runbook");
			}
			return json(answer);
		});
	}

	@GetMapping("/groups/{groupId}")
	ResponseEntity<?> getGroup(@PathVariable String groupId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "getGroup", authorization, groupId, Map.of(), () -> {
			SimulatedTenant.Group group = tenant().group(groupId);
			return json(this.gate.object()
				.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#groups(id,displayName)/$entity")
				.put("id", groupId)
				.put("displayName", group.displayName));
		});
	}

	@PostMapping(path = "/groups/{groupId}/members/$ref", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> addMember(@PathVariable String groupId, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		String reference = body.path("@odata.id").asText("");
		String userId = reference.substring(reference.lastIndexOf('/') + 1);
		return this.gate.handle(SimulatedApi.GRAPH, "addGroupMember", authorization, userId,
				params("groupId", groupId), () -> {
					if (!reference.contains("/directoryObjects/")) {
						throw SimulatedError.raise(400, "Request_BadRequest",
								"Invalid object identifier '" + reference + "'.");
					}
					tenant().addMember(tenant().group(groupId), tenant().user(userId));
					return ResponseEntity.noContent().build();
				});
	}

	@GetMapping("/users/{id}/authentication/methods")
	ResponseEntity<?> listMethods(@PathVariable String id,
			@RequestParam(name = "$skiptoken", required = false) String skipToken,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "listAuthenticationMethods", authorization, id, Map.of(), () -> {
			List<ObjectNode> methods = new ArrayList<>();
			for (String[] method : tenant().user(id).methods) {
				ObjectNode node = this.gate.object()
					.put("@odata.type", "#microsoft.graph." + method[1])
					.put("id", method[0]);
				// Graph's password method never shows the password, only when it was set; the phone method names its
				// number and kind; the e-mail method its address.
				if ("passwordAuthenticationMethod".equals(method[1])) {
					node.putNull("password").put("createdDateTime", tenant().user(id).passwordSet.toString());
				}
				else if ("phoneAuthenticationMethod".equals(method[1])) {
					node.put("phoneNumber", method[2]).put("phoneType", "mobile").putNull("smsSignInState");
				}
				else if ("emailAuthenticationMethod".equals(method[1])) {
					node.put("emailAddress", method[2]);
				}
				methods.add(node);
			}
			return json(SimulatorPaging.page(this.gate.object(), methods, skipToken, tenant().pageSize(),
					"https://graph.microsoft.com/v1.0/$metadata#users('" + id + "')/authentication/methods"));
		});
	}

	/**
	 * Graph's {@code POST /users/{id}/authentication/temporaryAccessPassMethods}: 201 with the new method, the pass
	 * included (the only answer that ever carries it); 400 when the tenant's policy has the method off or the lifetime
	 * is outside it, 403 when the user is outside the policy's target group. The pass is not logged.
	 */
	@PostMapping(path = "/users/{id}/authentication/temporaryAccessPassMethods",
			consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> createTemporaryAccessPass(@PathVariable String id, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		int lifetime = body.path("lifetimeInMinutes").asInt(60);
		boolean once = body.path("isUsableOnce").asBoolean(false);
		return this.gate.handle(SimulatedApi.GRAPH, "createTemporaryAccessPass", authorization, id,
				Map.of("lifetimeInMinutes", String.valueOf(lifetime), "isUsableOnce", String.valueOf(once)), () -> {
					SimulatedTenant.IssuedPass pass = tenant().createTemporaryAccessPass(tenant().user(id), lifetime,
							once);
					ObjectNode answer = this.gate.object()
						.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + id
								+ "')/authentication/temporaryAccessPassMethods/$entity")
						.put("id", pass.id())
						.put("temporaryAccessPass", pass.pass())
						.put("createdDateTime", pass.created().toString())
						.put("startDateTime", pass.created().toString())
						.put("lifetimeInMinutes", pass.lifetimeInMinutes())
						.put("isUsableOnce", pass.usableOnce())
						.put("isUsable", true)
						.put("methodUsabilityReason", "EnabledByPolicy");
					return ResponseEntity.status(201).contentType(MediaType.APPLICATION_JSON).body(answer);
				});
	}

	@GetMapping("/users/{id}/mailFolders/inbox/messageRules")
	ResponseEntity<?> listRules(@PathVariable String id,
			@RequestParam(name = "$skiptoken", required = false) String skipToken,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "listInboxRules", authorization, id, Map.of(), () -> {
			List<ObjectNode> rules = new ArrayList<>();
			int sequence = 1;
			for (SimulatedTenant.Rule rule : tenant().user(id).rules) {
				if (rule.spec.hidden()) {
					continue;
				}
				rules.add(messageRule(rule, sequence++));
			}
			return json(SimulatorPaging.page(this.gate.object(), rules, skipToken, tenant().pageSize(),
					"https://graph.microsoft.com/v1.0/$metadata#users('" + id + "')/mailFolders('inbox')/messageRules"));
		});
	}

	@PatchMapping(path = "/users/{id}/mailFolders/inbox/messageRules/{ruleId}",
			consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> updateRule(@PathVariable String id, @PathVariable String ruleId, @RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "disableInboxRule", authorization, id,
				params("ruleId", ruleId, "isEnabled", body.path("isEnabled").asText()), () -> {
					SimulatedTenant.Rule rule = tenant().user(id)
						.rules
						.stream()
						.filter((r) -> r.graphId.equals(ruleId) && !r.spec.hidden())
						.findFirst()
						.orElseThrow(() -> SimulatedError.raise(404, "ErrorItemNotFound",
								"The specified object was not found in the store."));
					if (body.has("isEnabled")) {
						rule.enabled = body.path("isEnabled").asBoolean();
					}
					// Graph answers an update with the rule as it now is.
					List<SimulatedTenant.Rule> visible = tenant().user(id)
						.rules
						.stream()
						.filter((r) -> !r.spec.hidden())
						.toList();
					return json(messageRule(rule, visible.indexOf(rule) + 1)
						.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + id
								+ "')/mailFolders('inbox')/messageRules/$entity"));
				});
	}

	/** An inbox rule as Graph's messageRule shows it. */
	private ObjectNode messageRule(SimulatedTenant.Rule rule, int sequence) {
		ObjectNode node = this.gate.object()
			.put("id", rule.graphId)
			.put("displayName", rule.spec.name())
			.put("sequence", sequence)
			.put("isEnabled", rule.enabled)
			.put("hasError", false)
			.put("isReadOnly", false);
		node.putObject("conditions");
		ObjectNode actions = node.putObject("actions");
		recipients(actions.putArray("forwardTo"), rule.spec.forwardTo());
		recipients(actions.putArray("redirectTo"), rule.spec.redirectTo());
		if (rule.spec.deleteMessage()) {
			actions.put("delete", true);
		}
		if (rule.spec.moveToFolder() != null) {
			actions.put("moveToFolder", rule.spec.moveToFolder());
		}
		actions.put("stopProcessingRules", true);
		return node;
	}

	@GetMapping("/auditLogs/signIns")
	ResponseEntity<?> listSignIns(@RequestParam(name = "$filter", required = false) String filter,
			@RequestParam(name = "$skiptoken", required = false) String skipToken,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		Matcher userClause = USER_ID_CLAUSE.matcher((filter != null) ? filter : "");
		String userId = userClause.find() ? userClause.group(1).replace("''", "'") : null;
		return this.gate.handle(SimulatedApi.GRAPH, "listSignIns", authorization, (userId != null) ? userId : "",
				params("$filter", filter), () -> {
					tenant().requireP1();
					Instant since = createdSince(filter);
					List<ObjectNode> rows = new ArrayList<>();
					List<SimulatedTenant.User> users = (userId != null) ? List.of(tenant().user(userId))
							: List.of();
					for (SimulatedTenant.User user : users) {
						user.signIns.stream()
							.filter((s) -> since == null || !s.at().isBefore(since))
							.sorted(Comparator.comparing(SimulatedTenant.SignInRow::at).reversed())
							.forEach((s) -> rows.add(signIn(user, s)));
					}
					return json(SimulatorPaging.page(this.gate.object(), rows, skipToken, tenant().pageSize(),
							"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns"));
				});
	}

	@GetMapping("/identityProtection/riskyUsers/{id}")
	ResponseEntity<?> getRiskyUser(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "getRiskyUser", authorization, id, Map.of(), () -> {
			tenant().requireP2();
			SimulatedTenant.User user = tenant().user(id);
			if (user.riskUpdated == null) {
				throw SimulatedError.raise(404, "ResourceNotFound", "The risky user was not found.");
			}
			return json(this.gate.object()
				.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#identityProtection/riskyUsers/$entity")
				.put("id", user.id)
				.put("isDeleted", false)
				.put("isProcessing", false)
				.put("riskLastUpdatedDateTime", user.riskUpdated.toString())
				.put("riskLevel", user.riskLevel)
				.put("riskState", user.riskState)
				.put("riskDetail", user.riskDetail)
				.put("userDisplayName", user.displayName)
				.put("userPrincipalName", user.upn));
		});
	}

	@PostMapping(path = "/identityProtection/riskyUsers/confirmCompromised",
			consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> confirmCompromised(@RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		List<String> ids = new ArrayList<>();
		body.path("userIds").forEach((id) -> ids.add(id.asText()));
		return this.gate.handle(SimulatedApi.GRAPH, "confirmCompromised", authorization, String.join(",", ids),
				Map.of(), () -> {
					tenant().requireP2();
					tenant().confirmCompromised(ids);
					return ResponseEntity.noContent().build();
				});
	}

	@GetMapping("/security/alerts_v2")
	ResponseEntity<?> listAlerts(@RequestParam(name = "$filter", required = false) String filter,
			@RequestParam(name = "$skiptoken", required = false) String skipToken,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.handle(SimulatedApi.GRAPH, "listAlerts", authorization, "", params("$filter", filter), () -> {
			if (filter != null) {
				Matcher field = FILTER_FIELD.matcher(filter);
				while (field.find()) {
					if (!ALERT_FILTER_FIELDS.contains(field.group(1))) {
						throw SimulatedError.raise(400, "BadRequest",
								"Invalid filter clause: the property '" + field.group(1) + "' cannot be filtered.");
					}
				}
			}
			Instant since = createdSince(filter);
			List<ObjectNode> rows = new ArrayList<>();
			for (SimulatedTenant.Alert alert : tenant().alerts()) {
				if (since != null && alert.created().isBefore(since)) {
					continue;
				}
				SimulatedTenant.AlertUpdate state = tenant().alertState(alert.id());
				ObjectNode node = this.gate.object()
					.put("@odata.type", "#microsoft.graph.security.alert")
					.put("id", alert.id())
					.put("providerAlertId", alert.id())
					.put("incidentId", "in" + Math.abs(alert.id().hashCode() % 100000))
					.put("alertWebUrl", "https://security.microsoft.com/alerts/" + alert.id() + "?tid="
							+ tenant().tenantId())
					.put("incidentWebUrl", "https://security.microsoft.com/incidents/in"
							+ Math.abs(alert.id().hashCode() % 100000) + "?tid=" + tenant().tenantId())
					.put("title", alert.title())
					.put("severity", alert.severity())
					.put("status", state.status())
					.put("classification", state.classification())
					.putNull("determination")
					.put("serviceSource", "microsoftDefenderForOffice365")
					.put("detectionSource", "microsoftDefenderForOffice365")
					.put("category", "ThreatManagement")
					.put("description", alert.title() + ".")
					.put("createdDateTime", alert.created().toString())
					.put("lastUpdateDateTime", alert.created().toString());
				ArrayNode comments = node.putArray("comments");
				state.comments().forEach((comment) -> comments.addObject().put("comment", comment));
				ArrayNode evidence = node.putArray("evidence");
				if (alert.mailbox() != null) {
					String local = alert.mailbox().substring(0, alert.mailbox().indexOf('@'));
					String domain = alert.mailbox().substring(alert.mailbox().indexOf('@') + 1);
					String name = tenant().findUser(alert.mailbox()).map((user) -> user.displayName).orElse(local);
					ObjectNode mailbox = evidence.addObject()
						.put("@odata.type", "#microsoft.graph.security.mailboxEvidence")
						.put("createdDateTime", alert.created().toString())
						.put("verdict", "suspicious")
						.put("primaryAddress", alert.mailbox())
						.put("displayName", name);
					mailbox.putObject("userAccount")
						.put("accountName", local)
						.put("domainName", domain)
						.put("userPrincipalName", alert.mailbox())
						.put("displayName", name);
				}
				if (alert.ipAddress() != null) {
					// How Graph carries the connector's domain is not documented: here in the description, as the
					// portal shows it, and the IP address as IP evidence.
					node.put("description", "Suspicious connector activity. Connector domain: " + alert.connectorDomain()
							+ ". IP address: " + alert.ipAddress() + ".");
					evidence.addObject()
						.put("@odata.type", "#microsoft.graph.security.ipEvidence")
						.put("ipAddress", alert.ipAddress())
						.put("verdict", "suspicious");
				}
				rows.add(node);
			}
			return json(SimulatorPaging.page(this.gate.object(), rows, skipToken, tenant().pageSize(),
					"https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2"));
		});
	}

	private ObjectNode signIn(SimulatedTenant.User user, SimulatedTenant.SignInRow row) {
		boolean legacy = !row.clientAppUsed().startsWith("Browser") && !row.clientAppUsed().startsWith("Mobile");
		ObjectNode node = this.gate.object()
			.put("id", row.id())
			.put("createdDateTime", row.at().toString())
			.put("userDisplayName", user.displayName)
			.put("userPrincipalName", user.upn)
			.put("userId", user.id)
			.put("appId", EXCHANGE_ONLINE_APP)
			.put("appDisplayName", "Office 365 Exchange Online")
			.put("ipAddress", row.ipAddress())
			.put("clientAppUsed", row.clientAppUsed())
			.put("correlationId", UUID.nameUUIDFromBytes(row.id().getBytes(StandardCharsets.UTF_8)).toString())
			.put("conditionalAccessStatus", "notApplied")
			.put("isInteractive", true)
			.put("riskDetail", "none")
			.put("riskLevelAggregated", "none")
			.put("riskLevelDuringSignIn", "none")
			.put("riskState", "none")
			.put("resourceDisplayName", "Office 365 Exchange Online")
			.put("resourceId", EXCHANGE_ONLINE_APP);
		node.putArray("riskEventTypes");
		node.putArray("riskEventTypes_v2");
		node.putObject("status")
			.put("errorCode", row.errorCode())
			.put("failureReason", (row.errorCode() == 0) ? "Other." : "Invalid username or password.")
			.putNull("additionalDetails");
		node.putObject("deviceDetail")
			.put("deviceId", "")
			.putNull("displayName")
			.put("operatingSystem", legacy ? "" : "Windows 10")
			.put("browser", legacy ? "" : "Edge 120.0.0")
			.putNull("isCompliant")
			.putNull("isManaged")
			.putNull("trustType");
		ObjectNode location = node.putObject("location")
			.put("city", row.city())
			.putNull("state")
			.put("countryOrRegion", row.country());
		ObjectNode coordinates = location.putObject("geoCoordinates").putNull("altitude");
		double[] where = CITIES.get(row.city());
		if (where != null) {
			coordinates.put("latitude", where[0]).put("longitude", where[1]);
		}
		else {
			coordinates.putNull("latitude").putNull("longitude");
		}
		node.putArray("appliedConditionalAccessPolicies");
		return node;
	}

	private static Instant createdSince(String filter) {
		if (filter == null) {
			return null;
		}
		Matcher created = CREATED_GE_CLAUSE.matcher(filter);
		if (!created.find()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(created.group(1)).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw SimulatedError.raise(400, "BadRequest", "Invalid filter clause: bad date '" + created.group(1) + "'.");
		}
	}

	private static void requireBeta(String version) {
		if (!"beta".equals(version)) {
			throw SimulatedError.raise(400, "BadRequest",
					"Resource not found for the segment 'requirements'.");
		}
	}

	/**
	 * JSON batching: up to 20 requests answered in one response, in Graph's shape ({@code responses[]} with each
	 * request's id, status, headers and body). Each read is answered by the same handler as when sent alone, through
	 * the gate, so that its faults, permissions and throttling are its own. Only GET requests of the paths the
	 * runbook batches are served; anything else is answered 400 inside the batch.
	 */
	@PostMapping(path = "/$batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> batch(@RequestBody JsonNode body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.gate.batch(authorization, () -> {
			JsonNode requests = body.path("requests");
			if (!requests.isArray() || requests.isEmpty()) {
				throw SimulatedError.raise(400, "BadRequest", "Invalid batch payload format.");
			}
			if (requests.size() > MAX_BATCH) {
				throw SimulatedError.raise(400, "BadRequest",
						"Number of batch request steps exceeds the maximum of " + MAX_BATCH + ".");
			}
			Set<String> ids = new HashSet<>();
			for (JsonNode request : requests) {
				if (!ids.add(request.path("id").asText(""))) {
					throw SimulatedError.raise(400, "BadRequest", "Batch request ids must be unique.");
				}
			}
			ObjectNode answer = this.gate.object();
			ArrayNode responses = answer.putArray("responses");
			String batchUrl = ServletUriComponentsBuilder.fromCurrentRequestUri().build(true).toUriString();
			String versionUrl = batchUrl.substring(0, batchUrl.lastIndexOf('/'));
			for (JsonNode request : requests) {
				String url = request.path("url").asText("");
				ResponseEntity<?> response = SimulatorPaging.batched(
						versionUrl + (url.startsWith("/") ? url : "/" + url),
						() -> batched(request, authorization));
				ObjectNode item = responses.addObject()
					.put("id", request.path("id").asText())
					.put("status", response.getStatusCode().value());
				ObjectNode headers = item.putObject("headers");
				response.getHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
				if (response.getBody() != null) {
					item.set("body", this.gate.tree(response.getBody()));
				}
			}
			return json(answer);
		});
	}

	private ResponseEntity<?> batched(JsonNode request, String authorization) {
		String method = request.path("method").asText("");
		String url = request.path("url").asText("");
		if (!"GET".equalsIgnoreCase(method) || url.isBlank()) {
			return batchError(400, "The simulated tenant answers GET requests only in a batch.");
		}
		UriComponents parts = UriComponentsBuilder.fromUriString(url.startsWith("/") ? url : "/" + url).build();
		String path = parts.getPath();
		Matcher m;
		if (path == null) {
			return batchError(400, "Invalid request URL.");
		}
		if ((m = BATCH_RULES.matcher(path)).matches()) {
			return listRules(decode(m.group(1)), query(parts, "$skiptoken"), authorization);
		}
		if ((m = BATCH_METHODS.matcher(path)).matches()) {
			return listMethods(decode(m.group(1)), query(parts, "$skiptoken"), authorization);
		}
		if ((m = BATCH_RISKY_USER.matcher(path)).matches()) {
			return getRiskyUser(decode(m.group(1)), authorization);
		}
		if (path.equals("/auditLogs/signIns")) {
			return listSignIns(query(parts, "$filter"), query(parts, "$skiptoken"), authorization);
		}
		if ((m = BATCH_USER.matcher(path)).matches()) {
			return getUser(decode(m.group(1)), query(parts, "$select"), authorization);
		}
		return batchError(400, "Resource not found for the segment '" + path + "' in the simulated tenant's batch.");
	}

	private ResponseEntity<?> batchError(int status, String message) {
		ObjectNode body = this.gate.object();
		body.putObject("error").put("code", "BadRequest").put("message", message);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static String query(UriComponents parts, String name) {
		String value = parts.getQueryParams().getFirst(name);
		return (value != null) ? decode(value) : null;
	}

	private static String decode(String value) {
		return UriUtils.decode(value, StandardCharsets.UTF_8);
	}

	private static void recipients(ArrayNode array, List<String> addresses) {
		if (addresses != null) {
			addresses.forEach((a) -> array.addObject().putObject("emailAddress").put("name", a).put("address", a));
		}
	}

	private static Map<String, String> params(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				map.put(pairs[i], pairs[i + 1]);
			}
		}
		return map;
	}

	private static ResponseEntity<?> json(JsonNode body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
