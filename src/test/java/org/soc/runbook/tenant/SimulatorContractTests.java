package org.soc.runbook.tenant;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.simulator.SimulatedTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated tenant answers in the shapes of the same fixtures the clients are held to
 * ({@link MicrosoftContractTests}): every property a documented answer has, the simulator's answer has too, with a
 * value of the same kind. So the simulator cannot drift from Microsoft's documents without a test saying so.
 */
@RunbookIntegrationTest
class SimulatorContractTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TenantEndpoints endpoints;

	@Autowired
	AccessTokenProvider tokens;

	@Autowired
	RestClient.Builder builder;

	@Autowired
	SimulatedTenant tenant;

	@Test
	void graphAnswersAsDocumented() throws Exception {
		RestClient rest = this.builder.build();
		String bearer = "Bearer " + this.tokens.token(TenantResource.GRAPH);
		JsonNode user = JSON.readTree(rest.get()
			.uri(this.endpoints.graph() + "/v1.0/users/" + DemoTenantSeed.ADELE
					+ "?$select=id,userPrincipalName,displayName,mail,accountEnabled,onPremisesSyncEnabled")
			.header("Authorization", bearer)
			.retrieve()
			.body(String.class));
		assertShape("graph-get-user.json", user);

		JsonNode revoked = JSON.readTree(rest.post()
			.uri(this.endpoints.graph() + "/v1.0/users/" + DemoTenantSeed.LEE + "/revokeSignInSessions")
			.header("Authorization", bearer)
			.retrieve()
			.body(String.class));
		assertShape("graph-revoke-sessions.json", revoked);

		JsonNode alerts = JSON.readTree(rest.get()
			.uri(this.endpoints.graph() + "/v1.0/security/alerts_v2?$filter={filter}",
					"createdDateTime ge 2000-01-01T00:00:00Z")
			.header("Authorization", bearer)
			.retrieve()
			.body(String.class));
		assertShape("graph-list-alerts-v2.json", alerts);

		String megan = this.tenant.userState(DemoTenantSeed.MEGAN).id();
		JsonNode methods = JSON.readTree(rest.get()
			.uri(this.endpoints.graph() + "/v1.0/users/" + megan + "/authentication/methods")
			.header("Authorization", bearer)
			.retrieve()
			.body(String.class));
		// Megan's phone method: the documented list's second entry is a phone; compare like with like.
		JsonNode phone = null;
		for (JsonNode method : methods.path("value")) {
			if (method.path("@odata.type").asText().endsWith("phoneAuthenticationMethod")) {
				phone = method;
			}
		}
		List<String> missing = new ArrayList<>();
		compare("", MicrosoftContractTests.fixture("graph-list-auth-methods.json")
			.path("response")
			.path("body")
			.path("value")
			.get(1), phone, missing);
		assertThat(missing).as("a phone method as Graph documents it").isEmpty();
	}

	@Test
	void exchangeAnswersAsPublicClientsReadIt() throws Exception {
		JsonNode blocked = JSON.readTree(this.builder.build()
			.post()
			.uri(this.endpoints.exchange() + "/adminapi/beta/" + DemoTenantSeed.TENANT + "/InvokeCommand")
			.header("Authorization", "Bearer " + this.tokens.token(TenantResource.EXCHANGE))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"CmdletInput\":{\"CmdletName\":\"Get-BlockedSenderAddress\",\"Parameters\":{}}}")
			.retrieve()
			.body(String.class));
		assertShape("exo-get-blocked-senders.json", blocked);
	}

	/** Every property of the fixture's answer is in the simulator's, of the same kind (first list item each). */
	private static void assertShape(String fixture, JsonNode simulated) {
		List<String> missing = new ArrayList<>();
		compare("", MicrosoftContractTests.fixture(fixture).path("response").path("body"), simulated, missing);
		assertThat(missing).as("what " + fixture + " documents and the simulator lacks").isEmpty();
	}

	private static void compare(String where, JsonNode documented, JsonNode simulated, List<String> missing) {
		if (documented.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> it = documented.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> field = it.next();
				JsonNode value = (simulated != null) ? simulated.get(field.getKey()) : null;
				if (value == null) {
					missing.add(where + field.getKey());
				}
				else if (!field.getValue().isNull() && !value.isNull()) {
					compare(where + field.getKey() + ".", field.getValue(), value, missing);
				}
			}
		}
		else if (documented.isArray() && !documented.isEmpty()) {
			if (simulated == null || !simulated.isArray()) {
				missing.add(where + " (a list)");
			}
			else if (!simulated.isEmpty()) {
				compare(where + "[0].", documented.get(0), simulated.get(0), missing);
			}
		}
		else if (simulated != null && documented.getNodeType() != simulated.getNodeType()) {
			missing.add(where + " as " + documented.getNodeType() + " (is " + simulated.getNodeType() + ")");
		}
	}

}
