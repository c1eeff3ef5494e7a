package org.soc.runbook.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An in-memory Microsoft 365 tenant: users with their mailboxes, inbox rules (some hidden), forwarding, sign-ins,
 * risk and MFA, blocked senders and connectors, inbound connectors, alerts, and the app registrations allowed to get
 * tokens. The HTTP controllers of this package expose it in Microsoft's wire formats; tests and the demo set it up
 * and read it through the public methods here. Every method holds the tenant's lock, so concurrent calls see one
 * consistent tenant.
 * <p>
 * It keeps the passwords it receives ({@link #receivedPassword(String)}) so that tests can search the application's
 * database and logs for them; nothing served over HTTP ever returns one.
 */
public class SimulatedTenant {

	/** The fixed id of Entra's password authentication method. */
	static final String PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";

	private final String tenantId;

	private final SimulatorProperties defaults;

	private final SimulatorFaults faults = new SimulatorFaults();

	private final AtomicLong sequence = new AtomicLong();

	private final List<SimulatorCall> calls = new ArrayList<>();

	private final Map<String, User> usersById = new LinkedHashMap<>();

	/** The same users by user principal name: Graph accepts either in a path, and a wave asks thousands of times. */
	private final Map<String, User> usersByUpn = new HashMap<>();

	private final Map<String, Group> groups = new LinkedHashMap<>();

	private final Map<String, BlockedEntity> blockedSenders = new LinkedHashMap<>();

	private final Map<UUID, BlockedEntity> blockedConnectors = new LinkedHashMap<>();

	private final Map<UUID, Connector> connectors = new LinkedHashMap<>();

	private final List<Alert> alerts = new ArrayList<>();

	private final List<AuditRecord> auditLog = new ArrayList<>();

	private final Map<String, String> applications = new HashMap<>();

	/** The certificates registered on app registrations (client id to certificate), as in Entra's "Certificates". */
	private final Map<String, X509Certificate> certificates = new HashMap<>();

	/** The managed identities of the Azure resource the node would run on: "system" and user-assigned client ids. */
	private final Set<String> managedIdentities = new HashSet<>();

	private final Map<String, IssuedToken> tokens = new HashMap<>();

	private final Map<String, AlertUpdate> alertUpdates = new HashMap<>();

	private final Map<String, Integer> unblockCounts = new HashMap<>();

	private final Set<String> neverRelease = new LinkedHashSet<>();

	private final Map<String, String> receivedPasswords = new HashMap<>();

	private final SecureRandom random = new SecureRandom();

	private Clock clock = Clock.systemUTC();

	private Duration tokenLifetime;

	private Duration releaseDelay;

	private int unblockLimit;

	private final Set<String> revokedRoles = new HashSet<>();

	private final Set<String> disabledAlertPolicies = new HashSet<>();

	private boolean unifiedAuditLog = true;

	/** Whether the app may reset administrators' passwords (Privileged Authentication Administrator). */
	private boolean appMayResetAdminPasswords;

	/**
	 * The names Get-BlockedConnector gives a row's id and name. Microsoft documents none; tests change them to prove
	 * the client still finds the connector (or says once that it cannot).
	 */
	private String[] blockedConnectorNames = { "ConnectorId", "ConnectorName" };

	private int pageSize;

	private boolean p1Licensed = true;

	private boolean p2Licensed = true;

	private boolean temporaryAccessPassEnabled = true;

	public SimulatedTenant(String tenantId, SimulatorProperties properties) {
		this.tenantId = tenantId;
		this.defaults = properties;
		this.tokenLifetime = properties.tokenLifetime();
		this.releaseDelay = properties.releaseDelay();
		this.unblockLimit = properties.unblockLimit();
		this.pageSize = properties.pageSize();
		this.revokedRoles.addAll(properties.revokedAppRoles());
	}

	// ---------------------------------------------------------------------------------------------------- controls

	/** The tenant id (GUID or domain) that the token and Exchange endpoints accept. */
	public String tenantId() {
		return this.tenantId;
	}

	/** Throttling, errors, latency and missing permissions to inject. */
	public SimulatorFaults faults() {
		return this.faults;
	}

	/** Lets a test run the tenant on its own clock (release delays, token expiry, fault windows). */
	public synchronized void useClock(Clock clock) {
		this.clock = clock;
		this.faults.useClock(clock);
	}

	/**
	 * Puts every control back to its configured default: no faults, the system clock, the configured token lifetime,
	 * release delay, unblock limit and page size, both licences, no never-releasing entity. State and the call log stay.
	 */
	public synchronized void resetControls() {
		this.faults.clear();
		useClock(Clock.systemUTC());
		this.tokenLifetime = this.defaults.tokenLifetime();
		this.releaseDelay = this.defaults.releaseDelay();
		this.unblockLimit = this.defaults.unblockLimit();
		this.pageSize = this.defaults.pageSize();
		this.p1Licensed = true;
		this.p2Licensed = true;
		this.neverRelease.clear();
		this.temporaryAccessPassEnabled = true;
		this.appMayResetAdminPasswords = false;
		this.revokedRoles.clear();
		this.revokedRoles.addAll(this.defaults.revokedAppRoles());
		this.disabledAlertPolicies.clear();
		this.unifiedAuditLog = true;
		this.blockedConnectorNames = new String[] { "ConnectorId", "ConnectorName" };
	}

	/** How long tokens issued from now on live. */
	public synchronized void tokenLifetime(Duration lifetime) {
		this.tokenLifetime = lifetime;
	}

	/** How long an entity stays on the blocked list after it was removed. */
	public synchronized void releaseDelay(Duration delay) {
		this.releaseDelay = delay;
	}

	/** The entity (address or connector GUID) stays on the blocked list whatever is done. */
	public synchronized void neverRelease(String entity) {
		this.neverRelease.add(entity.toLowerCase(Locale.ROOT));
	}

	/** Names Get-BlockedConnector's id and name properties otherwise (until {@link #resetControls()}). */
	public synchronized void blockedConnectorNames(String idProperty, String nameProperty) {
		this.blockedConnectorNames = new String[] { idProperty, nameProperty };
	}

	synchronized String[] blockedConnectorNames() {
		return this.blockedConnectorNames.clone();
	}

	/** How often one entity can be unblocked before Exchange refuses. */
	public synchronized void unblockLimit(int limit) {
		this.unblockLimit = limit;
	}

	/** The largest page of a Graph list or an Exchange answer. */
	public synchronized void pageSize(int size) {
		this.pageSize = size;
	}

	/** Which Entra ID licences the tenant has (P1: sign-in logs; P2: Identity Protection). */
	public synchronized void licences(boolean p1, boolean p2) {
		this.p1Licensed = p1;
		this.p2Licensed = p2;
	}

	/** An app registration that may get tokens with the client-credentials grant. */
	public synchronized void registerApplication(String clientId, String secret) {
		this.applications.put(clientId, secret);
	}

	// ---------------------------------------------------------------------------------------------------- set-up

	/**
	 * Adds a cloud user with a mailbox, a password and a mobile number on the directory profile (fictional, from the
	 * 555-01xx range: {@link #setPhones} changes it); returns its object id.
	 */
	public synchronized String addUser(String userPrincipalName, String displayName) {
		String upn = userPrincipalName.toLowerCase(Locale.ROOT);
		if (findUser(upn).isPresent()) {
			throw new IllegalArgumentException("user exists: " + upn);
		}
		User user = new User(UUID.randomUUID().toString(), upn, displayName);
		user.passwordSet = this.clock.instant().minus(Duration.ofDays(90));
		user.methods.add(new String[] { PASSWORD_METHOD_ID, "passwordAuthenticationMethod" });
		user.mobilePhone = String.format("+1 425 555 01%02d", this.usersById.size() % 100);
		this.usersById.put(user.id, user);
		this.usersByUpn.put(user.upn, user);
		return user.id;
	}

	/**
	 * Gives the user an Entra administrator role. The runbook's app, a User Administrator, may then not reset the
	 * password (Graph answers 403) unless {@link #appMayResetAdminPasswords(boolean)} gave it the role that may.
	 */
	public synchronized void assignAdminRole(String upn, String role) {
		user(upn).adminRole = role;
	}

	/** Whether the app's service principal holds Privileged Authentication Administrator (off by default). */
	public synchronized void appMayResetAdminPasswords(boolean may) {
		this.appMayResetAdminPasswords = may;
	}

	/** Marks the user as synced from on-premises Active Directory: the cloud cannot reset its password. */
	public synchronized void syncFromOnPremises(String upn) {
		user(upn).onPremisesSync = true;
	}

	/** Registers an authentication method such as {@code microsoftAuthenticatorAuthenticationMethod}. */
	public synchronized void addAuthenticationMethod(String upn, String type) {
		addAuthenticationMethod(upn, type, null);
	}

	/**
	 * Registers an authentication method with where it reaches the user: the number of a
	 * {@code phoneAuthenticationMethod}, the address of an {@code emailAuthenticationMethod}.
	 */
	public synchronized void addAuthenticationMethod(String upn, String type, String contact) {
		user(upn).methods.add(new String[] { UUID.randomUUID().toString(), type, contact });
	}

	/** Puts phone numbers on the user's directory profile ({@code mobilePhone}, {@code businessPhones}). */
	public synchronized void setPhones(String upn, String mobilePhone, List<String> businessPhones) {
		User user = user(upn);
		user.mobilePhone = mobilePhone;
		user.businessPhones = List.copyOf(businessPhones);
	}

	/**
	 * Turns the Temporary Access Pass method off or on in the tenant's authentication methods policy (on by default,
	 * as for the demo); off, Graph refuses to create a pass.
	 */
	public synchronized void setTemporaryAccessPassEnabled(boolean enabled) {
		this.temporaryAccessPassEnabled = enabled;
	}

	/** Leaves the user out of the group the Temporary Access Pass policy targets: Graph refuses a pass for them. */
	public synchronized void excludeFromTemporaryAccessPass(String upn) {
		user(upn).temporaryAccessPassEligible = false;
	}

	/** The passes issued to the user so far, newest last (what Microsoft would know; tests compare with it). */
	public synchronized List<IssuedPass> temporaryAccessPasses(String upn) {
		return List.copyOf(user(upn).passes);
	}

	/** Creates a pass as Graph would; a new one replaces the user's earlier one. */
	synchronized IssuedPass createTemporaryAccessPass(User user, int lifetimeInMinutes, boolean usableOnce) {
		if (!this.temporaryAccessPassEnabled) {
			throw SimulatedError.raise(400, "badRequest",
					"Temporary Access Pass authentication method is disabled by the authentication methods policy.");
		}
		if (!user.temporaryAccessPassEligible) {
			throw SimulatedError.raise(403, "accessDenied",
					"The user is not a member of a group targeted by the Temporary Access Pass policy.");
		}
		if (lifetimeInMinutes < 10 || lifetimeInMinutes > 43200) {
			throw SimulatedError.raise(400, "badRequest",
					"lifetimeInMinutes must be between the policy's minimum (10) and maximum (43200).");
		}
		StringBuilder pass = new StringBuilder();
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789@#$%&*+=?";
		for (int i = 0; i < 8; i++) {
			pass.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		IssuedPass issued = new IssuedPass(UUID.randomUUID().toString(), pass.toString(), this.clock.instant(), lifetimeInMinutes,
				usableOnce);
		user.passes.add(issued);
		return issued;
	}

	/** Sets the per-user MFA state directly. */
	public synchronized void setPerUserMfaState(String upn, String state) {
		user(upn).mfaState = state;
	}

	/** Adds an inbox rule; returns its Exchange identity. */
	public synchronized String addInboxRule(String upn, InboxRuleSpec spec) {
		User user = user(upn);
		Rule rule = new Rule(spec, user.upn + "\\" + (1000000 + user.rules.size() * 7919L),
				Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes()).substring(0, 12) + "=");
		user.rules.add(rule);
		return rule.identity;
	}

	/** Sets mailbox forwarding to an SMTP address (as {@code Set-Mailbox -ForwardingSmtpAddress} would). */
	public synchronized void setMailboxForwarding(String upn, String smtpAddress, boolean keepCopy) {
		User user = user(upn);
		user.forwardingSmtpAddress = (smtpAddress != null) ? "smtp:" + smtpAddress : null;
		user.deliverToMailboxAndForward = keepCopy;
	}

	/** Adds an interactive sign-in. */
	public synchronized void addSignIn(String upn, Instant at, String clientAppUsed, String ipAddress,
			String countryOrRegion, String city, int errorCode) {
		user(upn).signIns.add(new SignInRow(UUID.randomUUID().toString(), at, clientAppUsed, ipAddress,
				countryOrRegion, city, errorCode));
	}

	/** Sets Identity Protection's view of the user. */
	public synchronized void setRisk(String upn, String level, String state, String detail) {
		User user = user(upn);
		user.riskLevel = level;
		user.riskState = state;
		user.riskDetail = detail;
		user.riskUpdated = this.clock.instant();
	}

	/** Adds a security group, e.g. the one a Conditional Access policy requiring MFA targets. */
	public synchronized void addGroup(String groupId, String displayName) {
		this.groups.put(groupId, new Group(groupId, displayName));
	}

	/** Puts an address on the Restricted entities list. */
	public synchronized void restrictSender(String address, String reason) {
		String key = address.toLowerCase(Locale.ROOT);
		Instant now = this.clock.instant();
		this.blockedSenders.put(key, new BlockedEntity(key, reason, now));
	}

	/**
	 * An administrator unblocked the address in the Defender portal: it leaves the list at once (and counts against
	 * the unblock limit, as Microsoft's own unblocks do).
	 */
	public synchronized void unblockByHand(String address) {
		String key = address.toLowerCase(Locale.ROOT);
		if (this.blockedSenders.remove(key) != null) {
			this.unblockCounts.merge(key, 1, Integer::sum);
		}
	}

	/** Adds an inbound connector with a new GUID; returns the GUID. */
	public synchronized UUID addInboundConnector(InboundConnectorSpec spec) {
		return addInboundConnector(UUID.randomUUID(), spec);
	}

	/** Adds an inbound connector with the given GUID. */
	public synchronized UUID addInboundConnector(UUID guid, InboundConnectorSpec spec) {
		this.connectors.put(guid, new Connector(guid, spec));
		return guid;
	}

	/** Puts an inbound connector on the Restricted entities list. */
	public synchronized void restrictConnector(UUID connectorId, String reason) {
		if (!this.connectors.containsKey(connectorId)) {
			throw new IllegalArgumentException("no such connector: " + connectorId);
		}
		this.blockedConnectors.put(connectorId,
				new BlockedEntity(connectorId.toString(), reason, this.clock.instant()));
	}

	/**
	 * Records in the unified audit log that {@code userId} ran {@code operation} (e.g. {@code Set-InboundConnector})
	 * on the connector named {@code connectorName} at {@code at}.
	 */
	public synchronized void recordConnectorChange(Instant at, String userId, String operation, String connectorName) {
		this.auditLog.add(new AuditRecord(at, userId, operation, connectorName));
	}

	/** Raises a Defender alert about a mailbox (or, with a null address, without mailbox evidence). */
	public synchronized String addAlert(String title, String severity, Instant created, String mailboxAddress) {
		String id = "da" + Long.toHexString(this.random.nextLong() & Long.MAX_VALUE);
		this.alerts.add(new Alert(id, title, severity, created,
				(mailboxAddress != null) ? mailboxAddress.toLowerCase(Locale.ROOT) : null, null, null));
		return id;
	}

	/**
	 * Raises a "Suspicious connector activity" alert as Defender words it: the connector's domain and the sending IP
	 * address, not the connector's GUID. Returns its id.
	 */
	public synchronized String addConnectorAlert(Instant created, String connectorDomain, String ipAddress) {
		String id = "da" + Long.toHexString(this.random.nextLong() & Long.MAX_VALUE);
		this.alerts.add(new Alert(id, "Suspicious connector activity", "high", created, null, connectorDomain,
				ipAddress));
		return id;
	}

	// ---------------------------------------------------------------------------------------------------- inspection

	/** Every call answered so far, oldest first. */
	public synchronized List<SimulatorCall> calls() {
		return List.copyOf(this.calls);
	}

	/** The calls of one operation (e.g. {@code resetPassword}, {@code Remove-BlockedSenderAddress}). */
	public synchronized List<SimulatorCall> calls(String operation) {
		return this.calls.stream().filter((c) -> c.operation().equals(operation)).toList();
	}

	/** Forgets the call log (state stays). */
	public synchronized void clearCalls() {
		this.calls.clear();
	}

	/** Whether the address is on the blocked list now. */
	public synchronized boolean isSenderBlocked(String address) {
		BlockedEntity blocked = this.blockedSenders.get(address.toLowerCase(Locale.ROOT));
		return blocked != null && isVisible(blocked);
	}

	/** Whether the connector is on the blocked list now. */
	public synchronized boolean isConnectorBlocked(UUID connectorId) {
		BlockedEntity blocked = this.blockedConnectors.get(connectorId);
		return blocked != null && isVisible(blocked);
	}

	/** How often the entity (address or connector GUID) was unblocked. */
	public synchronized int unblockCount(String entity) {
		return this.unblockCounts.getOrDefault(entity.toLowerCase(Locale.ROOT), 0);
	}

	/** The user's state as the runbook changes it. */
	public synchronized UserSnapshot userState(String upn) {
		User user = user(upn);
		Set<String> memberOf = new LinkedHashSet<>();
		this.groups.values().stream().filter((g) -> g.members.contains(user.id)).forEach((g) -> memberOf.add(g.id));
		Map<String, Boolean> rules = new LinkedHashMap<>();
		user.rules.forEach((r) -> rules.put(r.spec.name(), r.enabled));
		return new UserSnapshot(user.id, user.upn, user.accountEnabled, user.passwordResets,
				user.forceChangePasswordNextSignIn, user.sessionsValidFrom, user.mfaState, Set.copyOf(memberOf),
				user.riskState, Collections.unmodifiableMap(rules), user.forwardingSmtpAddress);
	}

	/** Every access token the token endpoint has issued, so that tests can prove none was logged or stored. */
	public synchronized List<String> issuedTokens() {
		return List.copyOf(this.tokens.keySet());
	}

	/**
	 * The last password the tenant received for the user, for tests that prove the application kept no copy. Not
	 * reachable over HTTP.
	 */
	public synchronized Optional<String> receivedPassword(String upn) {
		return Optional.ofNullable(this.receivedPasswords.get(user(upn).id));
	}

	// ---------------------------------------------------------------------------------------------------- for the
	// controllers: each runs under the lock and throws SimulatedError.Raised for an error answer

	synchronized Clock clock() {
		return this.clock;
	}

	synchronized int pageSize() {
		return this.pageSize;
	}

	synchronized void record(SimulatedApi api, String operation, String target, Map<String, String> parameters,
			int status) {
		this.calls.add(new SimulatorCall(this.sequence.incrementAndGet(), this.clock.instant(), api, operation,
				(target != null) ? target.toLowerCase(Locale.ROOT) : "", Map.copyOf(parameters), status));
	}

	/** Issues a token; the caller has checked the form's shape. */
	/** The application permissions an admin consented to, per audience (all that the runbook needs by default). */
	static final Map<String, List<String>> ALL_ROLES = Map.of(SimulatorGate.GRAPH_AUDIENCE,
			List.of("User.ReadWrite.All", "User.RevokeSessions.All", "UserAuthenticationMethod.ReadWrite.All",
					"GroupMember.ReadWrite.All", "MailboxSettings.ReadWrite", "AuditLog.Read.All",
					"IdentityRiskyUser.ReadWrite.All", "SecurityAlert.ReadWrite.All",
					"Policy.ReadWrite.AuthenticationMethod"),
			SimulatorGate.EXCHANGE_AUDIENCE, List.of("Exchange.ManageAsApp"));

	/** Removes an application permission from the tokens issued from now on (until {@link #resetControls()}). */
	public synchronized void revokeAppRole(String role) {
		this.revokedRoles.add(role);
	}

	private List<String> grantedRoles(String audience) {
		return ALL_ROLES.getOrDefault(audience, List.of())
			.stream()
			.filter((role) -> !this.revokedRoles.contains(role))
			.toList();
	}

	/** Turns unified audit log ingestion off or on (on by default, as Microsoft ships new tenants). */
	public synchronized void unifiedAuditLog(boolean enabled) {
		this.unifiedAuditLog = enabled;
	}

	synchronized boolean unifiedAuditLog() {
		return this.unifiedAuditLog;
	}

	/** Turns one of the default alert policies off (until {@link #resetControls()}). */
	public synchronized void disableAlertPolicy(String name) {
		this.disabledAlertPolicies.add(name);
	}

	synchronized boolean alertPolicyEnabled(String name) {
		return !this.disabledAlertPolicies.contains(name);
	}

	/** Registers a certificate on the app registration (its public part, as uploaded in Entra). */
	public synchronized void registerCertificate(String clientId, X509Certificate certificate) {
		this.certificates.put(clientId, certificate);
	}

	/** Gives the node a managed identity: {@code system} or a user-assigned identity's client id. */
	public synchronized void registerManagedIdentity(String clientId) {
		this.managedIdentities.add(clientId);
	}

	synchronized IssuedToken issueToken(String clientId, String secret, String audience) {
		String known = this.applications.get(clientId);
		if (known == null) {
			throw SimulatedError.raise(400, "unauthorized_client", "AADSTS700016: Application with identifier '"
					+ clientId + "' was not found in the directory '" + this.tenantId + "'.");
		}
		if (!known.equals(secret)) {
			throw SimulatedError.raise(401, "invalid_client",
					"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is "
							+ "the client secret value, not the client secret ID.");
		}
		return newToken(clientId, audience);
	}

	/**
	 * A token for a signed client assertion (certificate credentials): an RS256 JWT whose issuer and subject are the
	 * client, whose audience is the token endpoint, not expired, signed by the key of a certificate registered on
	 * the app. The identity platform's answers when it is not.
	 */
	synchronized IssuedToken issueTokenForAssertion(String clientId, String assertion, String audience) {
		if (!this.applications.containsKey(clientId) && !this.certificates.containsKey(clientId)) {
			throw SimulatedError.raise(400, "unauthorized_client", "AADSTS700016: Application with identifier '"
					+ clientId + "' was not found in the directory '" + this.tenantId + "'.");
		}
		X509Certificate certificate = this.certificates.get(clientId);
		String[] parts = (assertion != null) ? assertion.split("\\.") : new String[0];
		if (certificate == null || parts.length != 3) {
			throw SimulatedError.raise(401, "invalid_client", "AADSTS700027: The certificate with identifier used "
					+ "to sign the client assertion is not registered on application.");
		}
		try {
			ObjectMapper json = new ObjectMapper();
			JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
			JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
			Signature rsa = Signature.getInstance("SHA256withRSA");
			rsa.initVerify(certificate.getPublicKey());
			rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			boolean signed = "RS256".equals(header.path("alg").asText())
					&& rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
			boolean forThisClient = clientId.equals(claims.path("iss").asText())
					&& clientId.equals(claims.path("sub").asText())
					&& claims.path("aud").asText().endsWith("/oauth2/v2.0/token");
			boolean current = claims.path("exp").asLong(0) > this.clock.instant().getEpochSecond();
			if (!signed || !forThisClient || !current) {
				throw SimulatedError.raise(401, "invalid_client", "AADSTS700027: Client assertion failed signature "
						+ "validation, or its issuer, subject, audience or lifetime is wrong.");
			}
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			throw SimulatedError.raise(401, "invalid_client",
					"AADSTS50027: JWT token is invalid or malformed.");
		}
		return newToken(clientId, audience);
	}

	/** A managed identity's token from the instance metadata service, for a resource. */
	synchronized IssuedToken issueTokenForManagedIdentity(String clientId, String audience) {
		String identity = (clientId != null && !clientId.isBlank()) ? clientId : "system";
		if (!this.managedIdentities.contains(identity)) {
			throw SimulatedError.raise(400, "invalid_request", "Identity not found");
		}
		return newToken("mi:" + identity, audience);
	}

	private IssuedToken newToken(String clientId, String audience) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		// Shaped as the platform's access tokens are, a JWT whose "roles" are the application permissions granted
		// for the audience (what a preflight reads); the signature part is random, the services here look it up.
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		ObjectMapper json = new ObjectMapper();
		ObjectNode claims = json.createObjectNode()
			.put("aud", audience)
			.put("iss", "https://sts.windows.net/" + this.tenantId + "/")
			.put("appid", clientId)
			.put("tid", this.tenantId)
			.put("exp", this.clock.instant().plus(this.tokenLifetime).getEpochSecond());
		grantedRoles(audience).forEach(claims.putArray("roles")::add);
		String value = base64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
				+ "." + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(bytes);
		IssuedToken token = new IssuedToken(value, clientId, audience, this.clock.instant().plus(this.tokenLifetime),
				this.tokenLifetime.toSeconds());
		this.tokens.put(value, token);
		return token;
	}

	/** Checks a bearer token for the audience; returns the client id it was issued to. */
	/** Whether this tenant issued the token (any audience, expired or not). */
	synchronized boolean issued(String token) {
		return this.tokens.containsKey(token);
	}

	synchronized String authenticate(String authorization, String audience) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			throw SimulatedError.raise(401, "InvalidAuthenticationToken", "Access token is empty.");
		}
		IssuedToken token = this.tokens.get(authorization.substring("Bearer ".length()).trim());
		if (token == null) {
			throw SimulatedError.raise(401, "InvalidAuthenticationToken",
					"Access token validation failure. Invalid signature.");
		}
		if (!token.audience().equals(audience)) {
			throw SimulatedError.raise(401, "InvalidAuthenticationToken",
					"Access token validation failure. Invalid audience.");
		}
		if (!this.clock.instant().isBefore(token.expiresAt())) {
			throw SimulatedError.raise(401, "InvalidAuthenticationToken",
					"Lifetime validation failed, the token is expired.");
		}
		return token.clientId();
	}

	synchronized void requireP1() {
		if (!this.p1Licensed) {
			throw SimulatedError.raise(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
					"Neither tenant is B2C or tenant doesn't have premium license");
		}
	}

	synchronized void requireP2() {
		if (!this.p2Licensed) {
			throw SimulatedError.raise(403, "Forbidden",
					"Your tenant is not licensed for this feature. Microsoft Entra ID P2 is required.");
		}
	}

	synchronized User user(String idOrUpn) {
		return findUser(idOrUpn).orElseThrow(() -> SimulatedError.raise(404, "Request_ResourceNotFound",
				"Resource '" + idOrUpn + "' does not exist or one of its queried reference-property objects are "
						+ "not present."));
	}

	synchronized Group group(String id) {
		Group group = this.groups.get(id);
		if (group == null) {
			throw SimulatedError.raise(404, "Request_ResourceNotFound", "Resource '" + id + "' does not exist.");
		}
		return group;
	}

	synchronized Optional<User> findUser(String idOrUpn) {
		String key = idOrUpn.toLowerCase(Locale.ROOT);
		User byId = this.usersById.get(key);
		if (byId != null) {
			return Optional.of(byId);
		}
		return Optional.ofNullable(this.usersByUpn.get(key));
	}

	synchronized void resetPassword(User user, String password, boolean forceChange) {
		if (user.adminRole != null && !this.appMayResetAdminPasswords) {
			// Graph's answer when the app's role may not reset this user's password: the documented 403 body.
			throw SimulatedError.raise(403, "Authorization_RequestDenied",
					"Insufficient privileges to complete the operation.");
		}
		if (user.onPremisesSync) {
			throw SimulatedError.raise(400, "Request_BadRequest",
					"Unable to update the specified properties for on-premises mastered Directory Sync objects or "
							+ "objects currently undergoing migration.");
		}
		if (!meetsComplexity(password)) {
			throw SimulatedError.raise(400, "Request_BadRequest",
					"The specified password does not comply with password complexity requirements. Please provide "
							+ "a different password.");
		}
		this.receivedPasswords.put(user.id, password);
		user.passwordResets++;
		user.passwordSet = this.clock.instant();
		user.forceChangePasswordNextSignIn = forceChange;
	}

	synchronized void revokeSessions(User user) {
		user.sessionsValidFrom = this.clock.instant();
	}

	synchronized void addMember(Group group, User user) {
		if (!group.members.add(user.id)) {
			throw SimulatedError.raise(400, "Request_BadRequest",
					"One or more added object references already exist for the following modified properties: "
							+ "'members'.");
		}
	}

	synchronized void confirmCompromised(List<String> userIds) {
		for (String id : userIds) {
			User user = user(id);
			user.riskLevel = "high";
			user.riskState = "confirmedCompromised";
			user.riskDetail = "adminConfirmedUserCompromised";
			user.riskUpdated = this.clock.instant();
		}
	}

	synchronized List<AuditRecord> auditLog() {
		return List.copyOf(this.auditLog);
	}

	synchronized List<Alert> alerts() {
		return List.copyOf(this.alerts);
	}

	/** What the SOC (or the runbook) did to the alert: status, classification and comments, oldest first. */
	public synchronized AlertUpdate alertState(String alertId) {
		alert(alertId);
		return this.alertUpdates.getOrDefault(alertId, new AlertUpdate("new", null, List.of()));
	}

	synchronized void updateAlert(String alertId, String status, String classification) {
		AlertUpdate now = alertState(alertId);
		this.alertUpdates.put(alertId, new AlertUpdate((status != null) ? status : now.status(),
				(classification != null) ? classification : now.classification(), now.comments()));
	}

	synchronized List<String> commentOnAlert(String alertId, String comment) {
		AlertUpdate now = alertState(alertId);
		List<String> comments = new ArrayList<>(now.comments());
		comments.add(comment);
		this.alertUpdates.put(alertId, new AlertUpdate(now.status(), now.classification(), List.copyOf(comments)));
		return comments;
	}

	private Alert alert(String alertId) {
		return this.alerts.stream()
			.filter((alert) -> alert.id().equals(alertId))
			.findFirst()
			.orElseThrow(() -> SimulatedError.raise(404, "NotFound", "The alert '" + alertId + "' was not found."));
	}

	/**
	 * An alert's changes.
	 *
	 * @param status new, inProgress or resolved
	 * @param classification truePositive, falsePositive, ... or null
	 * @param comments the comments added, oldest first
	 */
	public record AlertUpdate(String status, String classification, List<String> comments) {
	}

	synchronized List<BlockedEntity> visibleBlockedSenders() {
		return this.blockedSenders.values().stream().filter(this::isVisible).toList();
	}

	/** The address's entry if it is on the blocked list now: one look-up, not a scan of the whole list. */
	synchronized Optional<BlockedEntity> visibleBlockedSender(String address) {
		BlockedEntity blocked = this.blockedSenders.get(address.toLowerCase(Locale.ROOT));
		return (blocked != null && isVisible(blocked)) ? Optional.of(blocked) : Optional.empty();
	}

	synchronized List<Map.Entry<UUID, BlockedEntity>> visibleBlockedConnectors() {
		return this.blockedConnectors.entrySet().stream().filter((e) -> isVisible(e.getValue())).toList();
	}

	synchronized Connector connector(UUID id) {
		return this.connectors.get(id);
	}

	synchronized List<Connector> connectors() {
		return List.copyOf(this.connectors.values());
	}

	synchronized Optional<Connector> findConnector(String identity) {
		return this.connectors.values()
			.stream()
			.filter((c) -> c.spec.name().equalsIgnoreCase(identity) || c.guid.toString().equalsIgnoreCase(identity))
			.findFirst();
	}

	/** Remove-Blocked*: counts the unblock, starts the release delay, refuses past the unblock limit. */
	synchronized void unblock(BlockedEntity blocked) {
		int count = this.unblockCounts.getOrDefault(blocked.key, 0);
		if (count >= this.unblockLimit) {
			// The real wording is not published; this one carries "unblock" and "limit" as the client expects.
			throw SimulatedError.raise(400,
					"Microsoft.Exchange.Management.Tasks.UnblockLimitExceededException",
					"The entity '" + blocked.key + "' has reached the unblock limit (" + this.unblockLimit
							+ " unblocks). Contact Microsoft Support to unblock it.");
		}
		this.unblockCounts.put(blocked.key, count + 1);
		if (blocked.removedAt == null) {
			blocked.removedAt = this.clock.instant();
		}
	}

	private boolean isVisible(BlockedEntity blocked) {
		if (blocked.removedAt == null || this.neverRelease.contains(blocked.key)) {
			return true;
		}
		return this.clock.instant().isBefore(blocked.removedAt.plus(this.releaseDelay));
	}

	private static boolean meetsComplexity(String password) {
		if (password == null || password.length() < 8 || password.length() > 256) {
			return false;
		}
		int classes = 0;
		classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
		classes += password.chars().anyMatch((c) -> !Character.isLetterOrDigit(c)) ? 1 : 0;
		return classes >= 3;
	}

	// ---------------------------------------------------------------------------------------------------- state

	/** An inbox rule to seed. */
	public record InboxRuleSpec(String name, boolean hidden, List<String> forwardTo, List<String> redirectTo,
			boolean deleteMessage, String moveToFolder) {
	}

	/** An inbound connector to seed. */
	public record InboundConnectorSpec(String name, String connectorType, List<String> senderIpAddresses,
			List<String> senderDomains, String tlsSenderCertificateName, boolean restrictDomainsToIpAddresses,
			boolean restrictDomainsToCertificate, Instant whenCreated, Instant whenChanged, String comment) {
	}

	/** A Temporary Access Pass the tenant issued; {@link #toString()} leaves the pass out. */
	public record IssuedPass(String id, String pass, Instant created, int lifetimeInMinutes, boolean usableOnce) {

		@Override
		public String toString() {
			return "IssuedPass[" + this.id + ", <hidden>, " + this.created + "]";
		}

	}

	/** What a test reads back about a user. */
	public record UserSnapshot(String id, String userPrincipalName, boolean accountEnabled, int passwordResets,
			boolean forceChangePasswordNextSignIn, Instant sessionsValidFrom, String perUserMfaState,
			Set<String> groups, String riskState, Map<String, Boolean> inboxRulesEnabled,
			String forwardingSmtpAddress) {
	}

	record IssuedToken(String value, String clientId, String audience, Instant expiresAt, long expiresIn) {

		@Override
		public String toString() {
			return "IssuedToken[<hidden>, clientId=" + this.clientId + ", audience=" + this.audience + "]";
		}

	}

	static final class User {

		final String id;

		final String upn;

		final String displayName;

		boolean accountEnabled = true;

		boolean onPremisesSync;

		/** The Entra administrator role the user holds, if any (e.g. "Exchange Administrator"). */
		String adminRole;

		String mfaState = "disabled";

		final List<String[]> methods = new ArrayList<>();

		String mobilePhone;

		List<String> businessPhones = List.of();

		boolean temporaryAccessPassEligible = true;

		final List<IssuedPass> passes = new ArrayList<>();

		String riskLevel = "none";

		String riskState = "none";

		String riskDetail = "none";

		Instant riskUpdated;

		Instant sessionsValidFrom;

		int passwordResets;

		/** When the password was last set: the password method's createdDateTime. */
		Instant passwordSet;

		boolean forceChangePasswordNextSignIn;

		final List<Rule> rules = new ArrayList<>();

		String forwardingSmtpAddress;

		String forwardingAddress;

		boolean deliverToMailboxAndForward;

		final List<SignInRow> signIns = new ArrayList<>();

		User(String id, String upn, String displayName) {
			this.id = id;
			this.upn = upn;
			this.displayName = displayName;
		}

	}

	static final class Rule {

		final InboxRuleSpec spec;

		final String identity;

		final String graphId;

		boolean enabled = true;

		Rule(InboxRuleSpec spec, String identity, String graphId) {
			this.spec = spec;
			this.identity = identity;
			this.graphId = graphId;
		}

	}

	record SignInRow(String id, Instant at, String clientAppUsed, String ipAddress, String country, String city,
			int errorCode) {
	}

	static final class Group {

		final String id;

		final String displayName;

		final Set<String> members = new LinkedHashSet<>();

		Group(String id, String displayName) {
			this.id = id;
			this.displayName = displayName;
		}

	}

	static final class BlockedEntity {

		final String key;

		final String reason;

		final Instant created;

		Instant removedAt;

		BlockedEntity(String key, String reason, Instant created) {
			this.key = key;
			this.reason = reason;
			this.created = created;
		}

	}

	static final class Connector {

		final UUID guid;

		final InboundConnectorSpec spec;

		Connector(UUID guid, InboundConnectorSpec spec) {
			this.guid = guid;
			this.spec = spec;
		}

	}

	record AuditRecord(Instant at, String userId, String operation, String objectId) {
	}

	record Alert(String id, String title, String severity, Instant created, String mailbox, String connectorDomain,
			String ipAddress) {
	}

}
