package org.soc.runbook.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.runbook.RunbookIntegrationTest;
import org.soc.runbook.simulator.DemoTenantSeed;
import org.soc.runbook.simulator.SimulatedTenant.InboundConnectorSpec;
import org.soc.runbook.simulator.SimulatedTenant.InboxRuleSpec;
import org.soc.runbook.simulator.SimulatedTenant;
import org.soc.runbook.simulator.SimulatorCall;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ConnectorChange;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.exchange.InboundConnector;
import org.soc.runbook.tenant.exchange.InboxRule;
import org.soc.runbook.tenant.exchange.MailboxForwarding;
import org.soc.runbook.tenant.exchange.UnblockLimitReachedException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link ExchangeOnlineClient} against the simulated tenant over real HTTP. */
@RunbookIntegrationTest
class ExchangeOnlineClientTests {

	private static final AtomicInteger USERS = new AtomicInteger();

	ExchangeOnlineClient exchange;

	@Autowired
	SimulatedTenant tenant;

	/** The single tenant's clients: the deployment under test serves one. */
	@Autowired
	void singleTenantClients(RunbookTenants tenants) {
		this.exchange = tenants.clients(null).exchange();
	}

	@AfterEach
	void resetSimulator() {
		this.tenant.resetControls();
	}

	@Test
	void blockedSendersAreReadAcrossPagesWithTheSameBody() {
		String first = restrictedUser("EmailSendingLimitExceeded;ExternalRecipientCountToday=900;");
		String second = restrictedUser("OutboundSpamLast24Hours=50;");
		this.tenant.pageSize(2);
		this.tenant.clearCalls();

		List<BlockedSender> blocked = this.exchange.getBlockedSenderAddresses();
		assertThat(blocked).extracting(BlockedSender::senderAddress)
			.contains(first, second, DemoTenantSeed.ADELE, DemoTenantSeed.MEGAN);
		List<SimulatorCall> calls = this.tenant.calls("Get-BlockedSenderAddress");
		assertThat(calls).hasSizeGreaterThanOrEqualTo(3);
		assertThat(calls).extracting(SimulatorCall::parameters).allSatisfy((p) -> assertThat(p).isEmpty());
		BlockedSender one = blocked.stream().filter((b) -> b.senderAddress().equals(first)).findFirst().orElseThrow();
		assertThat(one.reasonFields()).containsEntry("ExternalRecipientCountToday", "900");
		assertThat(one.createdDatetime()).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void connectorChangesAreReadFromTheAuditLogNewestFirstWithinTheWindow() {
		Instant now = Instant.now();
		String connector = "Audit relay " + USERS.incrementAndGet();
		this.tenant.recordConnectorChange(now.minus(Duration.ofDays(3)), "first.admin@contoso.onmicrosoft.com",
				"New-InboundConnector", connector);
		this.tenant.recordConnectorChange(now.minus(Duration.ofHours(2)), "second.admin@contoso.onmicrosoft.com",
				"Set-InboundConnector", connector);
		this.tenant.recordConnectorChange(now.minus(Duration.ofDays(90)), "old.admin@contoso.onmicrosoft.com",
				"Set-InboundConnector", connector);

		List<ConnectorChange> changes = this.exchange.searchConnectorChanges(now.minus(Duration.ofDays(30)), now, 50)
			.stream()
			.filter((c) -> connector.equals(c.objectId()))
			.toList();
		assertThat(changes).extracting(ConnectorChange::userId)
			.containsExactly("second.admin@contoso.onmicrosoft.com", "first.admin@contoso.onmicrosoft.com");
		assertThat(changes.get(0).operation()).isEqualTo("Set-InboundConnector");
		assertThat(this.tenant.calls("Search-UnifiedAuditLog")).last()
			.satisfies((c) -> assertThat(c.parameters()).containsEntry("Operations",
					"[\"New-InboundConnector\",\"Set-InboundConnector\",\"Remove-InboundConnector\"]"));
	}

	@Test
	void oneBlockedSenderOrNothing() {
		String blocked = restrictedUser("EmailSendingLimitExceeded;");
		assertThat(this.exchange.getBlockedSenderAddress(blocked.toUpperCase())).get()
			.extracting(BlockedSender::senderAddress)
			.isEqualTo(blocked);
		assertThat(this.exchange.getBlockedSenderAddress("free." + blocked)).isEmpty();
	}

	@Test
	void unblockTakesEffectAfterTheReleaseDelay() {
		String upn = restrictedUser("EmailSendingLimitExceeded;");
		this.tenant.releaseDelay(Duration.ofHours(1));
		this.exchange.removeBlockedSenderAddress(upn, "Reviewed by analyst; approved by secadmin");
		assertThat(this.exchange.getBlockedSenderAddress(upn)).isPresent();
		assertThat(this.tenant.unblockCount(upn)).isEqualTo(1);
		assertThat(this.tenant.calls("Remove-BlockedSenderAddress")).last()
			.satisfies((c) -> assertThat(c.parameters()).containsEntry("Reason",
					"Reviewed by analyst; approved by secadmin"));

		this.tenant.releaseDelay(Duration.ZERO);
		assertThat(this.exchange.getBlockedSenderAddress(upn)).isEmpty();
	}

	@Test
	void anEntityThatNeverReleasesStaysBlocked() {
		String upn = restrictedUser("EmailSendingLimitExceeded;");
		this.tenant.neverRelease(upn);
		this.exchange.removeBlockedSenderAddress(upn, null);
		assertThat(this.exchange.getBlockedSenderAddress(upn)).isPresent();
	}

	@Test
	void unblockLimitIsReportedAsSuch() {
		String upn = restrictedUser("EmailSendingLimitExceeded;");
		this.tenant.unblockLimit(1);
		this.exchange.removeBlockedSenderAddress(upn, null);
		this.tenant.restrictSender(upn, "EmailSendingLimitExceeded;");
		assertThatThrownBy(() -> this.exchange.removeBlockedSenderAddress(upn, null))
			.isInstanceOf(UnblockLimitReachedException.class)
			.hasMessageContaining("unblock limit");
		assertThat(this.tenant.isSenderBlocked(upn)).isTrue();
	}

	@Test
	void parametersTravelAsValuesNotAsCommandText() {
		String hostile = "x@contoso.onmicrosoft.com; Remove-Mailbox -Identity ceo -Confirm:$false";
		this.tenant.clearCalls();
		assertThat(this.exchange.getBlockedSenderAddress(hostile)).isEmpty();
		assertThat(this.tenant.calls()).extracting(SimulatorCall::operation)
			.filteredOn((op) -> !op.equals("token"))
			.containsOnly("Get-BlockedSenderAddress");
		assertThat(this.tenant.calls("Get-BlockedSenderAddress")).last()
			.satisfies((c) -> assertThat(c.parameters()).containsEntry("SenderAddress", hostile));
	}

	@Test
	void mailboxForwardingIsReadAndCleared() {
		String upn = newUser();
		this.tenant.setMailboxForwarding(upn, "drop@evil.example", true);
		MailboxForwarding forwarding = this.exchange.getMailboxForwarding(upn);
		assertThat(forwarding.isForwarding()).isTrue();
		assertThat(forwarding.forwardingSmtpAddress()).isEqualTo("smtp:drop@evil.example");
		assertThat(forwarding.deliverToMailboxAndForward()).isTrue();

		this.exchange.clearMailboxForwarding(upn);
		assertThat(this.exchange.getMailboxForwarding(upn).isForwarding()).isFalse();
		assertThat(this.tenant.userState(upn).forwardingSmtpAddress()).isNull();
	}

	@Test
	void unknownMailboxIsNotFound() {
		assertThatThrownBy(() -> this.exchange.getMailboxForwarding("ghost@contoso.onmicrosoft.com"))
			.isInstanceOfSatisfying(TenantNotFoundException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo("ManagementObjectNotFoundException"));
	}

	@Test
	void inboxRulesIncludeHiddenOnesAndCanBeDisabled() {
		String upn = newUser();
		this.tenant.addInboxRule(upn,
				new InboxRuleSpec("Forward all", false, List.of("x@evil.example"), List.of(), false, null));
		this.tenant.addInboxRule(upn, new InboxRuleSpec(" ", true, List.of(), List.of(), true, null));

		List<InboxRule> rules = this.exchange.getInboxRules(upn);
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0).forwardTo()).containsExactly("x@evil.example");
		InboxRule hidden = rules.get(1);
		assertThat(hidden.deleteMessage()).isTrue();
		assertThat(hidden.description()).contains("delete the message");

		this.exchange.disableInboxRule(upn, hidden.identity());
		assertThat(this.tenant.userState(upn).inboxRulesEnabled()).containsEntry(" ", false)
			.containsEntry("Forward all", true);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aBlockedConnectorIsFoundWhateverNameExchangeGivesItsIdAndAnUnreadableRowIsReportedOnce(
			CapturedOutput output) {
		UUID id = this.tenant.addInboundConnector(new InboundConnectorSpec("Renamed relay " + USERS.incrementAndGet(),
				"OnPremises", List.of(), List.of("*"), null, false, false, Instant.parse("2025-01-01T00:00:00Z"),
				Instant.parse("2026-11-20T08:00:00Z"), null));
		this.tenant.restrictConnector(id, "Connector has been detected to be potentially compromised");

		this.tenant.blockedConnectorNames("Identity", "Name");
		assertThat(this.exchange.getBlockedConnectors()).extracting(BlockedConnector::connectorId).contains(id);
		assertThat(this.exchange.getBlockedConnector(id)).get()
			.extracting(BlockedConnector::connectorName)
			.asString()
			.startsWith("Renamed relay");

		// A name no client has used: the case opened for it still sees the block, and the operator is told once.
		this.tenant.blockedConnectorNames("ConnectorObjectGuid", "Label");
		assertThat(this.exchange.getBlockedConnector(id)).get()
			.extracting(BlockedConnector::connectorId)
			.isEqualTo(id);
		this.exchange.getBlockedConnectors();
		this.exchange.getBlockedConnectors();
		assertThat(output.getAll().split("Get-BlockedConnector answered a row without a connector id", -1))
			.as("reported once").hasSize(2);
		assertThat(output.getAll()).contains("ConnectorObjectGuid", "Label");
	}

	@Test
	void blockedConnectorsAndTheirConfiguration() {
		Instant changed = Instant.parse("2026-11-20T08:00:00Z");
		UUID id = this.tenant.addInboundConnector(new InboundConnectorSpec("Relay " + USERS.incrementAndGet(),
				"OnPremises", List.of("198.51.100.0/24"), List.of("*"), null, false, false,
				Instant.parse("2025-01-01T00:00:00Z"), changed, "printers"));
		this.tenant.restrictConnector(id, "Connector has been detected to be potentially compromised");

		assertThat(this.exchange.getBlockedConnectors()).extracting(BlockedConnector::connectorId)
			.contains(id, DemoTenantSeed.RELAY_CONNECTOR);
		BlockedConnector blocked = this.exchange.getBlockedConnector(id).orElseThrow();
		assertThat(blocked.reason()).contains("potentially compromised");

		InboundConnector connector = this.exchange.getInboundConnector(id.toString());
		assertThat(connector.connectorType()).isEqualTo("OnPremises");
		assertThat(connector.senderIpAddresses()).containsExactly("198.51.100.0/24");
		assertThat(connector.restrictDomainsToIpAddresses()).isFalse();
		assertThat(connector.whenChanged()).isEqualTo(changed);
		assertThat(connector.guid()).isEqualTo(id.toString());

		this.exchange.removeBlockedConnector(id, "Reverted unauthorized IP change");
		assertThat(this.exchange.getBlockedConnector(id)).isEmpty();
		assertThat(this.tenant.unblockCount(id.toString())).isEqualTo(1);
	}

	@Test
	void throttlingWithoutRetryAfterBacksOffAndSucceeds() {
		String upn = restrictedUser("EmailSendingLimitExceeded;");
		this.tenant.clearCalls();
		this.tenant.faults().throttleNext(1, null);
		assertThat(this.exchange.getBlockedSenderAddress(upn)).isPresent();
		assertThat(this.tenant.calls("Get-BlockedSenderAddress")).extracting(SimulatorCall::status)
			.containsExactly(429, 200);
	}

	private String restrictedUser(String reason) {
		String upn = newUser();
		this.tenant.restrictSender(upn, reason);
		return upn;
	}

	private String newUser() {
		String upn = "exo.user" + USERS.incrementAndGet() + "@contoso.onmicrosoft.com";
		this.tenant.addUser(upn, "Exchange User");
		return upn;
	}

}
