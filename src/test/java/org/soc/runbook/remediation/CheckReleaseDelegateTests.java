package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The verification's check of the blocked list: each check is counted, the release time is recorded only once the
 * entity is off the list, and a connector is looked up among the blocked connectors, a mailbox among the senders.
 */
class CheckReleaseDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private static final UUID CONNECTOR = UUID.fromString("0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final CheckReleaseDelegate delegate = new CheckReleaseDelegate(TestTenants.of(null, this.exchange));

	@Test
	void aMailboxStillListedIsCountedAndNotReleased() {
		given(this.exchange.getBlockedSenderAddress(MAILBOX))
			.willReturn(Optional.of(new BlockedSender(MAILBOX, "EmailSendingLimitExceeded", null, null, false)));
		DelegateExecution execution = verification("mailbox", MAILBOX, 2);
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.VERIFY_CHECKS)).isEqualTo(3);
		assertThat(execution.getVariable(CaseVariables.RELEASED)).isEqualTo(false);
		assertThat(execution.getVariable(CaseVariables.RELEASED_AT)).isNull();
	}

	@Test
	void aMailboxOffTheListIsReleasedWithTheTimeItWasSeen() {
		given(this.exchange.getBlockedSenderAddress(MAILBOX)).willReturn(Optional.empty());
		DelegateExecution execution = verification("mailbox", MAILBOX, null);
		Instant before = Instant.now();
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.VERIFY_CHECKS)).as("the first check").isEqualTo(1);
		assertThat(execution.getVariable(CaseVariables.RELEASED)).isEqualTo(true);
		assertThat(Instant.parse((String) execution.getVariable(CaseVariables.RELEASED_AT)))
			.isBetween(before, Instant.now());
	}

	@Test
	void aConnectorIsLookedUpAmongTheBlockedConnectors() {
		given(this.exchange.getBlockedConnector(CONNECTOR))
			.willReturn(Optional.of(new BlockedConnector(CONNECTOR, "Relay", "spam", null, null)));
		DelegateExecution listed = verification("connector", CONNECTOR.toString(), 0);
		this.delegate.execute(listed);
		assertThat(listed.getVariable(CaseVariables.RELEASED)).isEqualTo(false);

		given(this.exchange.getBlockedConnector(CONNECTOR)).willReturn(Optional.empty());
		DelegateExecution released = verification("connector", CONNECTOR.toString(), 1);
		this.delegate.execute(released);
		assertThat(released.getVariable(CaseVariables.RELEASED)).isEqualTo(true);
		assertThat(released.getVariable(CaseVariables.VERIFY_CHECKS)).isEqualTo(2);
		verify(this.exchange, never()).getBlockedSenderAddress(anyString());
	}

	private static DelegateExecution verification(String type, String entity, Integer checks) {
		Map<String, Object> variables = new HashMap<>(
				Map.of(CaseVariables.ENTITY_TYPE, type, CaseVariables.ENTITY_ID, entity));
		if (checks != null) {
			variables.put(CaseVariables.VERIFY_CHECKS, checks);
		}
		return CaseVariablesFake.execution(variables);
	}

}
