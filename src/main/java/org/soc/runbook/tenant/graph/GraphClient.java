package org.soc.runbook.tenant.graph;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.soc.runbook.tenant.TenantApi;
import org.soc.runbook.tenant.TenantDryRun;
import org.soc.runbook.tenant.TenantEndpoints;
import org.soc.runbook.tenant.TenantException;
import org.soc.runbook.tenant.TenantHttp;
import org.soc.runbook.tenant.TenantNotFoundException;
import org.soc.runbook.tenant.TenantRequestException;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Microsoft Graph, app-only: the user operations of the runbook (password reset, session revocation, MFA) and the
 * evidence it reads (rules, sign-ins, risk, methods, alerts). Every call has a bearer token for Graph and typed
 * failures (see {@link TenantException}). Shapes follow Microsoft's Graph documentation.
 */
public class GraphClient {

	/** Only what the runbook reads; {@code onPremisesSyncEnabled} is not returned unless asked for. */
	static final String USER_SELECT = "id,userPrincipalName,displayName,mail,accountEnabled,onPremisesSyncEnabled";

	private final TenantHttp http;

	private final TenantEndpoints endpoints;

	private final ObjectMapper json;

	public GraphClient(TenantHttp http, TenantEndpoints endpoints, ObjectMapper json) {
		this.http = http;
		this.endpoints = endpoints;
		this.json = json;
	}

	/** The user by object id or user principal name. */
	public GraphUser getUser(String idOrUpn) {
		URI uri = uri("/v1.0/users/{id}", Map.of("$select", USER_SELECT), idOrUpn);
		return this.http.call(TenantApi.GRAPH, "getUser", (rest) -> rest.get().uri(uri),
				(status, body) -> this.http.bind(body, GraphUser.class));
	}

	/** The group's display name; empty when there is no such group. */
	public Optional<String> groupName(String groupId) {
		URI uri = uri("/v1.0/groups/{id}", Map.of("$select", "id,displayName"), groupId);
		try {
			return Optional.ofNullable(this.http.call(TenantApi.GRAPH, "getGroup", (rest) -> rest.get().uri(uri),
					(status, body) -> (body != null) ? body.path("displayName").asText("") : ""))
				.filter((name) -> !name.isBlank());
		}
		catch (TenantNotFoundException none) {
			return Optional.empty();
		}
	}

	/**
	 * Sets a new password that must be changed at next sign-in. The password goes into the request body and nowhere
	 * else: not into a log line, an exception or a return value.
	 */
	public void resetPassword(String userId, String newPassword) {
		URI uri = uri("/v1.0/users/{id}", Map.of(), userId);
		ObjectNode body = this.json.createObjectNode();
		body.putObject("passwordProfile").put("forceChangePasswordNextSignIn", true).put("password", newPassword);
		write("resetPassword", HttpMethod.PATCH, uri, body);
	}

	/** Invalidates the user's refresh tokens and session cookies. Accepts 200 with a body and 204 without. */
	public void revokeSignInSessions(String userId) {
		URI uri = uri("/v1.0/users/{id}/revokeSignInSessions", Map.of(), userId);
		write("revokeSignInSessions", HttpMethod.POST, uri, null);
	}

	/** The per-user MFA state ({@code disabled}, {@code enabled}, {@code enforced}); a beta API. */
	public String getPerUserMfaState(String userId) {
		URI uri = uri("/beta/users/{id}/authentication/requirements", Map.of(), userId);
		return this.http.call(TenantApi.GRAPH, "getPerUserMfaState", (rest) -> rest.get().uri(uri),
				(status, body) -> this.http.bind(body, MfaRequirements.class).perUserMfaState());
	}

	/** Sets the per-user MFA state; a beta API. */
	public void setPerUserMfaState(String userId, String state) {
		URI uri = uri("/beta/users/{id}/authentication/requirements", Map.of(), userId);
		ObjectNode body = this.json.createObjectNode().put("perUserMfaState", state);
		write("setPerUserMfaState", HttpMethod.PATCH, uri, body);
	}

	/**
	 * Adds the user to a group (e.g. the one a Conditional Access policy requiring MFA targets). Already being a
	 * member counts as success, so that a retried step does no harm.
	 */
	public void addGroupMember(String groupId, String userId) {
		URI uri = uri("/v1.0/groups/{id}/members/$ref", Map.of(), groupId);
		// The reference names the directory object on this cloud's Graph host (graph.microsoft.us in US Government).
		String directoryObject = UriComponentsBuilder.fromUri(this.endpoints.graphResource())
			.path("/v1.0/directoryObjects/{id}")
			.encode()
			.buildAndExpand(userId)
			.toUriString();
		ObjectNode body = this.json.createObjectNode().put("@odata.id", directoryObject);
		try {
			write("addGroupMember", HttpMethod.POST, uri, body);
		}
		catch (TenantRequestException ex) {
			if (ex.status() != 400 || !ex.getMessage().contains("already exist")) {
				throw ex;
			}
		}
	}

	/** The user's registered authentication methods. */
	public List<AuthenticationMethod> listAuthenticationMethods(String userId) {
		URI uri = uri("/v1.0/users/{id}/authentication/methods", Map.of(), userId);
		return pages("listAuthenticationMethods", uri, AuthenticationMethod.class);
	}

	/** The phone numbers on the user's directory profile. */
	public UserContact getUserContact(String userId) {
		URI uri = uri("/v1.0/users/{id}", Map.of("$select", "id,mobilePhone,businessPhones"), userId);
		return this.http.call(TenantApi.GRAPH, "getUserContact", (rest) -> rest.get().uri(uri),
				(status, body) -> this.http.bind(body, UserContact.class));
	}

	/**
	 * Creates a Temporary Access Pass for the user (the tenant's authentication methods policy must allow it; a new
	 * pass replaces a usable one). The pass is in the answer only: it goes into no log line, exception or dry-run
	 * record. In a dry run nothing is sent and the answer is empty.
	 */
	public Optional<TemporaryAccessPass> createTemporaryAccessPass(String userId, int lifetimeInMinutes,
			boolean usableOnce) {
		URI uri = uri("/v1.0/users/{id}/authentication/temporaryAccessPassMethods", Map.of(), userId);
		ObjectNode body = this.json.createObjectNode()
			.put("lifetimeInMinutes", lifetimeInMinutes)
			.put("isUsableOnce", usableOnce);
		if (TenantDryRun.intercepted(TenantApi.GRAPH, "createTemporaryAccessPass", "POST", uri, body)) {
			return Optional.empty();
		}
		return Optional.of(this.http.call(TenantApi.GRAPH, "createTemporaryAccessPass",
				(rest) -> rest.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body.toString()),
				(status, answer) -> this.http.bind(answer, TemporaryAccessPass.class)));
	}

	/** The inbox rules Graph can see (not hidden ones). */
	public List<MessageRule> listInboxRules(String userId) {
		URI uri = uri("/v1.0/users/{id}/mailFolders/inbox/messageRules", Map.of(), userId);
		return pages("listInboxRules", uri, MessageRule.class);
	}

	/** Turns an inbox rule off without deleting it, so that the evidence stays. */
	public void disableInboxRule(String userId, String ruleId) {
		URI uri = uri("/v1.0/users/{id}/mailFolders/inbox/messageRules/{rule}", Map.of(), userId, ruleId);
		ObjectNode body = this.json.createObjectNode().put("isEnabled", false);
		write("disableInboxRule", HttpMethod.PATCH, uri, body);
	}

	/** The user's interactive sign-ins since the given time, newest first (needs Entra ID P1). */
	public List<SignIn> listSignIns(String userId, Instant since) {
		URI uri = uri("/v1.0/auditLogs/signIns", Map.of("$filter", signInFilter(userId, since)), new Object[0]);
		return pages("listSignIns", uri, SignIn.class);
	}

	/** Identity Protection's state for the user; empty when it has never been at risk (needs Entra ID P2). */
	public Optional<RiskyUser> getRiskyUser(String userId) {
		URI uri = uri("/v1.0/identityProtection/riskyUsers/{id}", Map.of(), userId);
		try {
			return Optional.of(this.http.call(TenantApi.GRAPH, "getRiskyUser", (rest) -> rest.get().uri(uri),
					(status, body) -> this.http.bind(body, RiskyUser.class)));
		}
		catch (TenantNotFoundException notAtRisk) {
			return Optional.empty();
		}
	}

	/**
	 * The evidence's four Graph reads of one user (inbox rules, sign-ins since {@code signInsSince}, risk,
	 * authentication methods) in one JSON batch: one round trip to Microsoft instead of four, which Graph answers side
	 * by side. Each read fails or succeeds on its own, as it would alone; further pages are fetched one by one. A
	 * failure of the batch itself (throttled, unreachable, token refused) is thrown here.
	 */
	public MailboxEvidenceReads readMailboxEvidence(String userId, Instant signInsSince) {
		TenantHttp.BatchRequest rules = new TenantHttp.BatchRequest("1", "listInboxRules",
				relative("/users/{id}/mailFolders/inbox/messageRules", Map.of(), userId));
		TenantHttp.BatchRequest signIns = new TenantHttp.BatchRequest("2", "listSignIns",
				relative("/auditLogs/signIns", Map.of("$filter", signInFilter(userId, signInsSince))));
		TenantHttp.BatchRequest risk = new TenantHttp.BatchRequest("3", "getRiskyUser",
				relative("/identityProtection/riskyUsers/{id}", Map.of(), userId));
		TenantHttp.BatchRequest methods = new TenantHttp.BatchRequest("4", "listAuthenticationMethods",
				relative("/users/{id}/authentication/methods", Map.of(), userId));
		Map<String, TenantHttp.BatchAnswer> answers = this.http.batch(uri("/v1.0/$batch", Map.of()),
				List.of(rules, signIns, risk, methods));
		MailboxEvidenceReads.Read<Optional<RiskyUser>> riskRead = read(answers, risk,
				(body) -> Optional.of(this.http.bind(body, RiskyUser.class)));
		if (riskRead.failure() instanceof TenantNotFoundException) {
			// Never at risk, as in getRiskyUser.
			riskRead = MailboxEvidenceReads.Read.of(Optional.empty());
		}
		return new MailboxEvidenceReads(
				read(answers, rules, (body) -> following(rules.operation(), body, MessageRule.class)),
				read(answers, signIns, (body) -> following(signIns.operation(), body, SignIn.class)),
				riskRead,
				read(answers, methods, (body) -> following(methods.operation(), body, AuthenticationMethod.class)));
	}

	private static <T> MailboxEvidenceReads.Read<T> read(Map<String, TenantHttp.BatchAnswer> answers,
			TenantHttp.BatchRequest request, Function<JsonNode, T> reader) {
		TenantHttp.BatchAnswer answer = answers.get(request.id());
		if (answer.failure() != null) {
			return MailboxEvidenceReads.Read.failed(answer.failure());
		}
		try {
			return MailboxEvidenceReads.Read.of(reader.apply(answer.body()));
		}
		catch (TenantException ex) {
			// A further page's failure belongs to this read alone.
			return MailboxEvidenceReads.Read.failed(ex);
		}
	}

	/** Tells Identity Protection that the user is compromised, which raises their risk to high. */
	public void confirmCompromised(String userId) {
		URI uri = uri("/v1.0/identityProtection/riskyUsers/confirmCompromised", Map.of(), new Object[0]);
		ObjectNode body = this.json.createObjectNode();
		body.putArray("userIds").add(userId);
		write("confirmCompromised", HttpMethod.POST, uri, body);
	}

	/**
	 * Every change this client makes to the tenant goes through here, so that a dry run catches all of them: the
	 * request is handed to {@link TenantDryRun} instead of sent while one records, and sent otherwise. The answer's
	 * body is not read (200 with one and 204 without both succeed).
	 */
	private void write(String operation, HttpMethod method, URI uri, ObjectNode body) {
		if (TenantDryRun.intercepted(TenantApi.GRAPH, operation, method.name(), uri, body)) {
			return;
		}
		this.http.call(TenantApi.GRAPH, operation, (rest) -> {
			RestClient.RequestBodySpec request = rest.method(method).uri(uri);
			return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).body(body.toString()) : request;
		}, (status, json) -> null);
	}

	/**
	 * Adds a comment to a Defender alert ({@code POST /security/alerts_v2/{id}/comments}), so that the SOC reads a
	 * case's outcome where the alert is. Needs {@code SecurityAlert.ReadWrite.All}.
	 */
	public void commentOnAlert(String alertId, String comment) {
		URI uri = uri("/v1.0/security/alerts_v2/{id}/comments", Map.of(), alertId);
		ObjectNode body = this.json.createObjectNode()
			.put("@odata.type", "microsoft.graph.security.alertComment")
			.put("comment", comment);
		write("commentOnAlert", HttpMethod.POST, uri, body);
	}

	/**
	 * Sets a Defender alert's status ({@code new}, {@code inProgress}, {@code resolved}) and, when given, its
	 * classification ({@code truePositive}, ...) and determination ({@code compromisedAccount}, ...).
	 */
	public void updateAlert(String alertId, String status, String classification, String determination) {
		URI uri = uri("/v1.0/security/alerts_v2/{id}", Map.of(), alertId);
		ObjectNode body = this.json.createObjectNode().put("status", status);
		if (classification != null) {
			body.put("classification", classification);
		}
		if (determination != null) {
			body.put("determination", determination);
		}
		write("updateAlert", HttpMethod.PATCH, uri, body);
	}

	/**
	 * Defender alerts created since the given time whose title is one of {@code titles} (case-insensitive). The
	 * service filters only on documented fields ({@code createdDateTime}); the title is matched here.
	 */
	public List<SecurityAlert> listAlerts(Instant since, Collection<String> titles) {
		Set<String> wanted = titles.stream().map((t) -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		URI uri = uri("/v1.0/security/alerts_v2", Map.of("$filter", "createdDateTime ge " + isoSeconds(since)),
				new Object[0]);
		return pages("listAlerts", uri, SecurityAlert.class).stream()
			.filter((alert) -> alert.title() != null && wanted.contains(alert.title().toLowerCase(Locale.ROOT)))
			.toList();
	}

	private <T> List<T> pages(String operation, URI first, Class<T> type) {
		return following(operation, get(operation, first), type);
	}

	/** The items of a first page and of every page its {@code @odata.nextLink} leads to. */
	private <T> List<T> following(String operation, JsonNode firstPage, Class<T> type) {
		return this.http.bind(this.http.items(TenantApi.GRAPH, operation, this.endpoints.graph(), firstPage,
				(next) -> get(operation, next)), type);
	}

	private JsonNode get(String operation, URI uri) {
		return this.http.call(TenantApi.GRAPH, operation, (rest) -> rest.get().uri(uri), (status, answer) -> answer);
	}

	private URI uri(String path, Map<String, String> query, Object... pathValues) {
		return expand(UriComponentsBuilder.fromUri(this.endpoints.graph()).path(path), query, pathValues).toUri();
	}

	/** A request's URL inside a batch: relative to the API version, encoded like {@link #uri}. */
	private static String relative(String path, Map<String, String> query, Object... pathValues) {
		return expand(UriComponentsBuilder.newInstance().path(path), query, pathValues).toUriString();
	}

	private static UriComponents expand(UriComponentsBuilder builder, Map<String, String> query,
			Object... pathValues) {
		List<Object> values = new ArrayList<>(List.of(pathValues));
		// Query values travel as template variables so that they are encoded strictly (a '+' in an address, a quote).
		query.forEach((name, value) -> {
			builder.queryParam(name, "{q" + values.size() + "}");
			values.add(value);
		});
		return builder.encode().buildAndExpand(values.toArray());
	}

	private static String signInFilter(String userId, Instant since) {
		return "userId eq '" + odataString(userId) + "' and createdDateTime ge " + isoSeconds(since);
	}

	private static String odataString(String value) {
		return value.replace("'", "''");
	}

	private static String isoSeconds(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	/** The beta API's authentication requirements of a user. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	private record MfaRequirements(String perUserMfaState) {
	}

}
