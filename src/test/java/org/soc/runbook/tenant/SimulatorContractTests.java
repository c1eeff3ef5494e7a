package org.soc.runbook.tenant;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated tenant answers in the shapes of the same fixtures the clients are held to
 * ({@link MicrosoftContractTests}): every property a documented answer has, the simulator's answer has too, with a
 * value of the same kind. So the simulator cannot drift from Microsoft's documents without a test saying so.
 */
@RunbookIntegrationTest
class SimulatorContractTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Properties whose contents differ from item to item: only their presence and kind are compared. */
	private static final Set<String> OPEN = Set.of("conditions", "actions", "headers");

	private final List<String> missing = new ArrayList<>();

	@Autowired
	TenantEndpoints endpoints;

	AccessTokenProvider tokens;

	@Autowired
	RestClient.Builder builder;

	@Autowired
	SimulatedTenant tenant;

	/** The single tenant's clients: the deployment under test serves one. */
	@Autowired
	void singleTenantClients(RunbookTenants tenants) {
		this.tokens = tenants.clients(null).tokens();
	}

	@Test
	void graphAnswersAsDocumented() {
		String adele = this.tenant.userState(DemoTenantSeed.ADELE).id();
		assertShape("graph-get-user.json", graph("/v1.0/users/" + DemoTenantSeed.ADELE
				+ "?$select=id,userPrincipalName,displayName,mail,accountEnabled,onPremisesSyncEnabled"));
		assertShape("graph-get-user-contact.json",
				graph("/v1.0/users/" + adele + "?$select=id,mobilePhone,businessPhones"));
		assertShape("graph-get-group.json", graph("/v1.0/groups/" + DemoTenantSeed.MFA_GROUP_ID
				+ "?$select=id,displayName"));
		assertShape("graph-get-mfa-requirements.json", graph("/beta/users/" + adele + "/authentication/requirements"));
		assertShape("graph-list-message-rules.json", graph("/v1.0/users/" + adele + "/mailFolders/inbox/messageRules"));
		assertShape("graph-list-sign-ins.json", graph("/v1.0/auditLogs/signIns?$filter=userId eq '" + adele
				+ "' and createdDateTime ge 2000-01-01T00:00:00Z"));
		assertShape("graph-get-risky-user.json", graph("/v1.0/identityProtection/riskyUsers/" + adele));
		assertShape("graph-list-alerts-v2.json",
				graph("/v1.0/security/alerts_v2?$filter=createdDateTime ge 2000-01-01T00:00:00Z"));
		assertShape("graph-revoke-sessions.json", call(HttpMethod.POST, this.endpoints.graph() + "/v1.0/users/"
				+ DemoTenantSeed.LEE + "/revokeSignInSessions", TenantResource.GRAPH, null));

		// Megan's phone method: the documented list's second entry is a phone; compare like with like.
		String megan = this.tenant.userState(DemoTenantSeed.MEGAN).id();
		JsonNode phone = null;
		for (JsonNode method : graph("/v1.0/users/" + megan + "/authentication/methods").path("value")) {
			if (method.path("@odata.type").asText().endsWith("phoneAuthenticationMethod")) {
				phone = method;
			}
		}
		compare("graph-list-auth-methods.json: a phone method: ", MicrosoftContractTests.fixture(
				"graph-list-auth-methods.json").path("response").path("body").path("value").get(1), phone, Set.of(),
				this.missing);
	}

	@Test
	void graphsBatchAndErrorsAnswerAsDocumented() {
		String lee = this.tenant.userState(DemoTenantSeed.LEE).id();
		JsonNode batch = call(HttpMethod.POST, this.endpoints.graph() + "/v1.0/$batch", TenantResource.GRAPH,
				"{\"requests\":[{\"id\":\"4\",\"method\":\"GET\",\"url\":\"/users/" + lee
						+ "/authentication/methods\"},{\"id\":\"3\",\"method\":\"GET\",\"url\":"
						+ "\"/identityProtection/riskyUsers/" + lee + "\"}]}");
		JsonNode documented = MicrosoftContractTests.fixture("graph-batch-evidence.json").path("response").path("body");
		// The same reads as the fixture's 4 (methods, 200) and 3 (risk of a user never at risk, 404), under its ids.
		for (JsonNode answer : batch.path("responses")) {
			for (JsonNode expected : documented.path("responses")) {
				if (expected.path("id").asText().equals(answer.path("id").asText())) {
					compare("graph-batch-evidence.json: responses[" + answer.path("id").asText() + "].", expected,
							answer, OPEN, this.missing);
				}
			}
		}
		assertThat(batch.path("responses").size()).isEqualTo(2);

		// Lee was never at risk: 404 in Graph's error shape.
		JsonNode notFound = failure(() -> graph("/v1.0/identityProtection/riskyUsers/" + lee));
		assertShape("graph-error-not-found.json", notFound, Set.of());
	}

	@Test
	void exchangeAnswersAsPublicClientsReadIt() {
		assertShape("exo-get-blocked-senders.json", exchange("Get-BlockedSenderAddress", "{}"));
		assertShape("exo-get-blocked-connectors.json", exchange("Get-BlockedConnector", "{}"));
		assertShape("exo-get-admin-audit-log-config.json", exchange("Get-AdminAuditLogConfig", "{}"));
		assertShape("exo-get-protection-alert.json",
				exchange("Get-ProtectionAlert", "{\"Identity\":\"User restricted from sending email\"}"));
		assertShape("exo-get-mailbox.json",
				exchange("Get-Mailbox", "{\"Identity\":\"" + DemoTenantSeed.ADELE + "\"}"));
		assertShape("exo-get-inbox-rules.json", exchange("Get-InboxRule",
				"{\"Mailbox\":\"" + DemoTenantSeed.MEGAN + "\",\"IncludeHidden\":true}"));
		assertShape("exo-get-inbound-connectors.json", exchange("Get-InboundConnector", "{}"));
		assertShape("exo-search-audit-log.json", exchange("Search-UnifiedAuditLog",
				"{\"StartDate\":\"2000-01-01T00:00:00Z\",\"EndDate\":\"2100-01-01T00:00:00Z\",\"Operations\":"
						+ "[\"Set-InboundConnector\"],\"ResultSize\":10}"));
		// No such mailbox: the admin API's error body.
		assertShape("exo-error-not-found.json",
				failure(() -> exchange("Get-Mailbox", "{\"Identity\":\"nobody@" + DemoTenantSeed.TENANT + "\"}")),
				Set.of());
	}

	private JsonNode graph(String pathAndQuery) {
		return call(HttpMethod.GET, this.endpoints.graph() + pathAndQuery, TenantResource.GRAPH, null);
	}

	private JsonNode exchange(String cmdlet, String parameters) {
		return call(HttpMethod.POST,
				this.endpoints.exchange() + "/adminapi/beta/" + DemoTenantSeed.TENANT + "/InvokeCommand",
				TenantResource.EXCHANGE,
				"{\"CmdletInput\":{\"CmdletName\":\"" + cmdlet + "\",\"Parameters\":" + parameters + "}}");
	}

	private JsonNode call(HttpMethod method, String uri, TenantResource resource, String body) {
		RestClient.RequestBodySpec request = this.builder.build()
			.method(method)
			.uri(uri)
			.header("Authorization", "Bearer " + this.tokens.token(resource));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		try {
			return JSON.readTree(request.retrieve().body(String.class));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The error body of a call that must fail. */
	private static JsonNode failure(Runnable call) {
		try {
			call.run();
		}
		catch (RestClientResponseException refused) {
			try {
				return JSON.readTree(refused.getResponseBodyAsString());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("the simulator answered with success where Microsoft refuses");
	}

	private void assertShape(String fixture, JsonNode simulated) {
		assertShape(fixture, simulated, OPEN);
	}

	/**
	 * Every property of the fixture's answer is in the simulator's, of the same kind (first list item each); of an
	 * {@code open} property only that it is there, because what is in it differs from item to item (a rule's
	 * conditions and actions).
	 */
	private void assertShape(String fixture, JsonNode simulated, Set<String> open) {
		compare(fixture + ": ", MicrosoftContractTests.fixture(fixture).path("response").path("body"), simulated, open,
				this.missing);
	}

	/** Every mismatch of a test at once, so that one run shows all that the simulator lacks. */
	@AfterEach
	void nothingMissing() {
		assertThat(this.missing).as("what the fixtures document and the simulator lacks").isEmpty();
	}

	private static void compare(String where, JsonNode documented, JsonNode simulated, Set<String> open,
			List<String> missing) {
		if (documented.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> it = documented.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> field = it.next();
				if (field.getKey().indexOf('@') > 0) {
					// A property's type annotation (DatabaseGuid@odata.type): clients ignore it.
					continue;
				}
				JsonNode value = (simulated != null) ? simulated.get(field.getKey()) : null;
				if (value == null) {
					missing.add(where + field.getKey());
				}
				else if (open.contains(field.getKey())) {
					if (!value.isNull() && !field.getValue().isNull()
							&& value.getNodeType() != field.getValue().getNodeType()) {
						missing.add(where + field.getKey() + " as " + field.getValue().getNodeType());
					}
				}
				else if (!field.getValue().isNull() && !value.isNull()) {
					compare(where + field.getKey() + ".", field.getValue(), value, open, missing);
				}
			}
		}
		else if (documented.isArray() && !documented.isEmpty()) {
			if (simulated == null || !simulated.isArray()) {
				missing.add(where + " (a list)");
			}
			else if (!simulated.isEmpty()) {
				compare(where + "[0].", documented.get(0), simulated.get(0), open, missing);
			}
		}
		else if (simulated != null && documented.getNodeType() != simulated.getNodeType()) {
			missing.add(where + " as " + documented.getNodeType() + " (is " + simulated.getNodeType() + ")");
		}
	}

}
