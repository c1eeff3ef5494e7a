package org.soc.runbook.tenant.exchange;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's rows as their records bind them. Microsoft does not document every cmdlet's output: the records
 * read the names seen in use, in order of preference, and take whatever shape a value comes in without failing the
 * row. A plain ObjectMapper, which fails on unknown properties, proves the records ignore the rest (annotations too).
 */
class ExchangePayloadsTests {

	private static final String GUID = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void aBlockedSenderIsInLowerCaseWithEitherSpellingOfItsDates() throws Exception {
		BlockedSender sender = read("""
				{"SenderAddress":"Adele@Contoso.example","Reason":"EmailSendingLimitExceeded;",
				 "CreatedDatetime":"2026-11-20T10:15:30Z","ChangedDateTime":"/Date(1795256130000)/",
				 "TemporaryBlock":"True","TemporaryBlock@odata.type":"#Boolean"}""", BlockedSender.class);
		assertThat(sender).isEqualTo(new BlockedSender("adele@contoso.example", "EmailSendingLimitExceeded;",
				Instant.parse("2026-11-20T10:15:30Z"), Instant.ofEpochMilli(1795256130000L), true));
		BlockedSender preferred = read("""
				{"CreatedDatetime":"2026-11-20T10:15:30Z","CreatedDateTime":"2020-01-01T00:00:00Z",
				 "ChangedDatetime":"unreadable","ChangedDateTime":"2020-01-01T00:00:00Z","Reason":""}""",
				BlockedSender.class);
		assertThat(preferred.createdDatetime()).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
		assertThat(preferred.changedDatetime()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(preferred.reason()).isNull();
		assertThat(preferred.senderAddress()).isNull();
		assertThat(preferred.temporaryBlock()).isFalse();
	}

	@Test
	void aBlockedConnectorWithoutAReadableGuidIsStillARow() throws Exception {
		BlockedConnector connector = read("""
				{"ConnectorId":" %s ","ConnectorName":"Relay","Reason":"compromised",
				 "CreatedDatetime":"2026-11-20T10:15:30Z","ExpirationTime":null}""".formatted(GUID),
				BlockedConnector.class);
		assertThat(connector).isEqualTo(new BlockedConnector(UUID.fromString(GUID), "Relay", "compromised",
				Instant.parse("2026-11-20T10:15:30Z"), null));
		assertThat(read("{\"ConnectorId\":\"not-a-guid\",\"ConnectorName\":\"Relay\"}", BlockedConnector.class))
			.satisfies((row) -> {
				assertThat(row.connectorId()).isNull();
				assertThat(row.connectorName()).isEqualTo("Relay");
			});
	}

	@Test
	void aBlockedConnectorIsFoundUnderTheNamesExchangeUsesElsewhereForItsIdAndName() throws Exception {
		// Microsoft documents no output for Get-BlockedConnector; a row named as other cmdlets name a connector must
		// still name it, or the poller would skip every connector.
		assertThat(read("{\"Identity\":\"%s\",\"Name\":\"Relay\"}".formatted(GUID), BlockedConnector.class))
			.extracting(BlockedConnector::connectorId, BlockedConnector::connectorName)
			.containsExactly(UUID.fromString(GUID), "Relay");
		assertThat(read("{\"Guid\":\"%s\"}".formatted(GUID), BlockedConnector.class).connectorId())
			.isEqualTo(UUID.fromString(GUID));
		assertThat(read("{\"Id\":\"%s\",\"Identity\":\"Relay\"}".formatted(GUID), BlockedConnector.class)
			.connectorId()).as("an Identity that is a name is not a GUID; the Id is").isEqualTo(UUID.fromString(GUID));
	}

	@Test
	void anInboundConnectorPrefersItsUtcDatesAndTakesOneValueAsAList() throws Exception {
		InboundConnector connector = read("""
				{"Identity":"Relay","Guid":"%s","ConnectorType":"OnPremises","Enabled":true,
				 "SenderIPAddresses":"198.51.100.0/24","SenderIPAddresses@odata.type":"#Collection(String)",
				 "SenderDomains":["smtp:*;1"," ","SMTP:Contoso.com;1"],"TlsSenderCertificateName":"","RequireTls":"false",
				 "RestrictDomainsToIPAddresses":"TRUE","WhenCreated":"2025-01-01T01:00:00",
				 "WhenChanged":"2026-11-20T09:00:00","WhenChangedUTC":"2026-11-20T08:00:00Z",
				 "Comment":{"text":"printers"}}""".formatted(GUID), InboundConnector.class);
		assertThat(connector.senderIpAddresses()).containsExactly("198.51.100.0/24");
		assertThat(connector.senderDomains()).as("address spaces, bare").containsExactly("*", "contoso.com");
		assertThat(connector.tlsSenderCertificateName()).isNull();
		assertThat(connector.enabled()).isTrue();
		assertThat(connector.requireTls()).isFalse();
		assertThat(connector.restrictDomainsToIpAddresses()).isTrue();
		assertThat(connector.restrictDomainsToCertificate()).isFalse();
		assertThat(connector.whenCreated()).isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
		assertThat(connector.whenChanged()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
		assertThat(connector.comment()).isEqualTo("{\"text\":\"printers\"}");
		assertThat(read("{\"Identity\":\"Bare\",\"SenderDomains\":\" \"}", InboundConnector.class))
			.satisfies((bare) -> {
				assertThat(bare.senderIpAddresses()).isEmpty();
				assertThat(bare.senderDomains()).isEmpty();
			});
	}

	@Test
	void anInboxRulesRecipientsAreTheAddressesInTheirDisplayStrings() throws Exception {
		InboxRule rule = read("""
				{"Identity":"adele\\\\123","Name":"Forward all","Enabled":true,
				 "ForwardTo":["\\"Thief\\" [SMTP:Thief@Evil.example]","thief@evil.example"],
				 "RedirectTo":"Drop@Evil.example","ForwardAsAttachmentTo":null,"DeleteMessage":false,
				 "MoveToFolder":"","Description":"If the message:\\r\\n\\tTake the following actions:"}""",
				InboxRule.class);
		assertThat(rule.identity()).isEqualTo("adele\\123");
		assertThat(rule.forwardTo()).containsExactly("thief@evil.example");
		assertThat(rule.redirectTo()).containsExactly("drop@evil.example");
		assertThat(rule.forwardAsAttachmentTo()).isEmpty();
		assertThat(rule.moveToFolder()).isNull();
		assertThat(rule.softDeleteMessage()).isFalse();
		assertThat(rule.description()).startsWith("If the message:");
	}

	@Test
	void mailboxForwardingIsOfTheMailboxAsTheCallerNamedIt() throws Exception {
		MailboxForwarding forwarding = read("""
				{"Identity":"adele","ForwardingSmtpAddress":"smtp:drop@evil.example","ForwardingAddress":null,
				 "DeliverToMailboxAndForward":true}""", MailboxForwarding.class);
		assertThat(forwarding.identity()).isNull();
		assertThat(forwarding.withIdentity("adele@contoso.example")).isEqualTo(
				new MailboxForwarding("adele@contoso.example", "smtp:drop@evil.example", null, true));
	}

	@Test
	void aConnectorChangeNamesTheConnectorItsAuditDataIsAbout() throws Exception {
		ConnectorChange change = read("""
				{"CreationDate":"2026-11-20T10:15:30Z","UserIds":"admin@contoso.example",
				 "Operations":"Set-InboundConnector",
				 "AuditData":"{\\"ObjectId\\":\\"Relay\\",\\"Workload\\":\\"Exchange\\"}"}""", ConnectorChange.class);
		assertThat(change).isEqualTo(new ConnectorChange(Instant.parse("2026-11-20T10:15:30Z"),
				"admin@contoso.example", "Set-InboundConnector", "Relay"));
		ConnectorChange asObject = read("""
				{"CreationTime":"2026-11-20T10:15:30Z","AuditData":{"ObjectId":"Relay"}}""", ConnectorChange.class);
		assertThat(asObject.at()).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
		assertThat(asObject.objectId()).isEqualTo("Relay");
		assertThat(read("{\"AuditData\":\"not json {\"}", ConnectorChange.class).objectId()).isNull();
		assertThat(read("{\"AuditData\":\"\"}", ConnectorChange.class).objectId()).isNull();
	}

	private <T> T read(String text, Class<T> type) throws Exception {
		return this.json.treeToValue(this.json.readTree(text), type);
	}

}
