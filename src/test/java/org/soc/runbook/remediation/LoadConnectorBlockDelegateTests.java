package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Whether the inbound connector is still on the Restricted entities list, looked up by its GUID, with its name (which
 * an attacker may have chosen: one bounded line), Microsoft's reason and when the block ends by itself, in words.
 */
class LoadConnectorBlockDelegateTests {

	private static final UUID CONNECTOR = UUID.fromString("0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final LoadConnectorBlockDelegate delegate = new LoadConnectorBlockDelegate(TestTenants.of(null, this.exchange));

	@Test
	void aListedConnectorIsBlockedWithItsReasonAndWhenTheBlockEnds() {
		given(this.exchange.getBlockedConnector(CONNECTOR)).willReturn(Optional.of(new BlockedConnector(CONNECTOR,
				"Relay from on-prem", "Connector sent spam", Instant.parse("2025-03-03T07:42:00Z"),
				Instant.parse("2025-03-04T07:42:00Z"))));
		DelegateExecution execution = connectorCase();
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.BLOCKED)).isEqualTo(true);
		assertThat(execution.getVariable(CaseVariables.CONNECTOR_NAME)).isEqualTo("Relay from on-prem");
		assertThat(execution.getVariable(CaseVariables.RESTRICTION_REASON)).isEqualTo("Connector sent spam");
		assertThat(execution.getVariable(CaseVariables.RESTRICTED_SINCE)).isEqualTo("2025-03-03T07:42:00Z");
		assertThat(execution.getVariable(CaseVariables.REASON_SUMMARY))
			.isEqualTo("Connector sent spam The block ends by itself at 2025-03-04T07:42:00Z.");
	}

	@Test
	void aBlockWithoutReasonOrEndSaysMicrosoftGaveNoReason() {
		given(this.exchange.getBlockedConnector(CONNECTOR))
			.willReturn(Optional.of(new BlockedConnector(CONNECTOR, "Relay", null, null, null)));
		DelegateExecution execution = connectorCase();
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.REASON_SUMMARY)).isEqualTo("Microsoft gave no reason.");
		assertThat(execution.getVariable(CaseVariables.RESTRICTED_SINCE)).isNull();
	}

	@Test
	void theConnectorsNameIsOneBoundedLine() {
		given(this.exchange.getBlockedConnector(CONNECTOR)).willReturn(Optional
			.of(new BlockedConnector(CONNECTOR, "Relay\r\n" + "y".repeat(500), "spam", null, null)));
		DelegateExecution execution = connectorCase();
		this.delegate.execute(execution);
		assertThat((String) execution.getVariable(CaseVariables.CONNECTOR_NAME)).hasSize(200)
			.startsWith("Relay  y")
			.doesNotContain("\n", "\r");
	}

	@Test
	void aConnectorNoLongerListedIsNotBlockedAndNothingElseIsRecorded() {
		given(this.exchange.getBlockedConnector(CONNECTOR)).willReturn(Optional.empty());
		DelegateExecution execution = connectorCase();
		this.delegate.execute(execution);
		assertThat(CaseVariablesFake.variables(execution)).containsEntry(CaseVariables.BLOCKED, false)
			.doesNotContainKeys(CaseVariables.REASON_SUMMARY, CaseVariables.CONNECTOR_NAME,
					CaseVariables.RESTRICTION_REASON);
	}

	private static DelegateExecution connectorCase() {
		return CaseVariablesFake.execution(
				Map.of(CaseVariables.ENTITY_TYPE, "connector", CaseVariables.ENTITY_ID, CONNECTOR.toString()));
	}

}
