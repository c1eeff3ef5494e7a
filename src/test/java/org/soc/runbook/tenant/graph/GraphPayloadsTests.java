package org.soc.runbook.tenant.graph;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph's payloads as their records bind them: Graph's names, its defaults for what it leaves out, its nesting and the
 * shapes the reference allows. A plain ObjectMapper, which fails on unknown properties, proves the records ignore
 * them.
 */
class GraphPayloadsTests {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void aUserIsEnabledUnlessGraphSaysOtherwiseAndSyncedOnlyWhenItSaysSo() throws Exception {
		GraphUser user = read("""
				{"id":"u1","userPrincipalName":"adele@contoso.example","displayName":"Adele","mail":null,
				 "onPremisesSyncEnabled":null,"jobTitle":"CFO"}""", GraphUser.class);
		assertThat(user).isEqualTo(new GraphUser("u1", "adele@contoso.example", "Adele", null, true, false));
		assertThat(read("{\"accountEnabled\":false,\"onPremisesSyncEnabled\":true}", GraphUser.class))
			.satisfies((synced) -> {
				assertThat(synced.accountEnabled()).isFalse();
				assertThat(synced.onPremisesSyncEnabled()).isTrue();
			});
		assertThat(read("{\"accountEnabled\":null}", GraphUser.class).accountEnabled()).isTrue();
	}

	@Test
	void aMethodsTypeIsItsODataTypeWithoutTheNamespace() throws Exception {
		assertThat(read("{\"id\":\"m1\",\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethod\"}",
				AuthenticationMethod.class))
			.isEqualTo(new AuthenticationMethod("m1", "fido2AuthenticationMethod"));
		assertThat(read("{\"id\":\"m2\"}", AuthenticationMethod.class).type()).isEqualTo("unknown");
	}

	@Test
	void aRulesRecipientsAreOneOrManyAndComparableAddresses() throws Exception {
		MessageRule rule = read("""
				{"id":"r1","displayName":"fwd","actions":{
				  "forwardTo":[{"emailAddress":{"name":"Thief","address":" Thief@Evil.example "}},
				               {"emailAddress":{"address":"thief@evil.example"}},{"emailAddress":{"address":" "}},
				               {"emailAddress":null},null],
				  "redirectTo":{"emailAddress":{"address":"Drop@Evil.example"}},
				  "permanentDelete":true,"moveToFolder":"AQMk","stopProcessingRules":true}}""", MessageRule.class);
		assertThat(rule.enabled()).isTrue();
		assertThat(rule.forwardTo()).containsExactly("thief@evil.example");
		assertThat(rule.redirectTo()).containsExactly("drop@evil.example");
		assertThat(rule.forwardAsAttachmentTo()).isEmpty();
		assertThat(rule.delete()).isFalse();
		assertThat(rule.permanentDelete()).isTrue();
		assertThat(rule.moveToFolder()).isEqualTo("AQMk");

		MessageRule bare = read("{\"id\":\"r2\",\"isEnabled\":false}", MessageRule.class);
		assertThat(bare)
			.isEqualTo(new MessageRule("r2", null, false, List.of(), List.of(), List.of(), false, false, null));
	}

	@Test
	void aSignInsLocationAndStatusAreNested() throws Exception {
		SignIn signIn = read("""
				{"id":"s1","createdDateTime":"2026-11-20T11:15:30+01:00","appDisplayName":"Office 365 Exchange Online",
				 "clientAppUsed":"IMAP","ipAddress":"2.2.2.2","riskLevelDuringSignIn":"high",
				 "location":{"city":"Lagos","countryOrRegion":"NG","geoCoordinates":{}},
				 "status":{"errorCode":50126,"failureReason":"Invalid username or password."}}""", SignIn.class);
		assertThat(signIn).isEqualTo(new SignIn("s1", Instant.parse("2026-11-20T10:15:30Z"),
				"Office 365 Exchange Online", "IMAP", "2.2.2.2", "NG", "Lagos", 50126, "Invalid username or password.",
				"high"));
		SignIn bare = read("{\"id\":\"s2\",\"createdDateTime\":\"yesterday\"}", SignIn.class);
		assertThat(bare.createdDateTime()).isNull();
		assertThat(bare.succeeded()).isTrue();
		assertThat(bare.countryOrRegion()).isNull();
	}

	@Test
	void aRiskyUsersDateIsReadLeniently() throws Exception {
		assertThat(read("{\"id\":\"u1\",\"riskLevel\":\"high\",\"riskLastUpdatedDateTime\":\"2026-11-20T10:15:30Z\"}",
				RiskyUser.class))
			.isEqualTo(new RiskyUser("u1", "high", null, null, Instant.parse("2026-11-20T10:15:30Z")));
		assertThat(read("{\"riskLastUpdatedDateTime\":{}}", RiskyUser.class).riskLastUpdatedDateTime()).isNull();
	}

	@Test
	void anAlertsMailboxesAreTheAddressesItsEvidenceNames() throws Exception {
		SecurityAlert alert = read("""
				{"id":"a1","title":"User restricted from sending email","severity":"high","status":"new",
				 "serviceSource":"microsoftDefenderForOffice365","createdDateTime":"2026-11-20T10:15:30Z",
				 "evidence":[
				   {"@odata.type":"#microsoft.graph.security.mailboxEvidence","primaryAddress":"Adele@Contoso.example",
				    "userAccount":{"userPrincipalName":"adele@contoso.example"}},
				   {"@odata.type":"#microsoft.graph.security.userEvidence",
				    "userAccount":{"userPrincipalName":"Lee@Contoso.example"}},
				   {"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"2.2.2.2"}, null]}""",
				SecurityAlert.class);
		assertThat(alert.mailboxes()).containsExactly("adele@contoso.example", "lee@contoso.example");
		assertThat(alert.createdDateTime()).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
		assertThat(read("{\"id\":\"a2\"}", SecurityAlert.class).mailboxes()).isEmpty();
	}

	@Test
	void aConnectorAlertsDomainAndAddressAreReadWhereverItPutsThem() throws Exception {
		SecurityAlert alert = read("""
				{"id":"a3","title":"Suspicious connector activity",
				 "description":"Connector domain: Contoso.com. IP address: 198.51.100.23.",
				 "evidence":[
				   {"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"203.0.113.9"},
				   {"@odata.type":"#microsoft.graph.security.userEvidence",
				    "userAccount":{"userPrincipalName":"admin@contoso.example","domainName":"contoso.example"},
				    "domainName":"user.example"},
				   {"@odata.type":"#microsoft.graph.security.unknownEvidence","domainName":"relay.contoso.com",
				    "connectorId":"0F3B6C2A-8D4E-4B1F-A7C9-2E5D8F1A6B3C"}]}""", SecurityAlert.class);
		assertThat(alert.connector().ipAddresses()).containsExactly("203.0.113.9", "198.51.100.23");
		// A user's domain is the user's, not the connector's.
		assertThat(alert.connector().domains()).containsExactly("relay.contoso.com", "contoso.com");
		assertThat(alert.connector().guids()).containsExactly("0f3b6c2a-8d4e-4b1f-a7c9-2e5d8f1a6b3c");
		assertThat(read("{\"id\":\"a4\"}", SecurityAlert.class).connector().isEmpty()).isTrue();
	}

	private <T> T read(String text, Class<T> type) throws Exception {
		return this.json.treeToValue(this.json.readTree(text), type);
	}

}
