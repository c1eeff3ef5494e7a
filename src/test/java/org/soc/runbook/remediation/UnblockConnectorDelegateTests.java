package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.RunbookErrors;
import org.soc.runbook.tenant.TenantWire;
import org.soc.runbook.tenant.exchange.ExchangeFailures;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The connector's unblock ({@link Unblocks} through {@link UnblockConnectorDelegate}): {@code Remove-BlockedConnector}
 * by GUID with the review as its reason, never the mailbox cmdlet; the limit escalates naming the connector; a dry run
 * sends nothing.
 */
class UnblockConnectorDelegateTests {

	private static final UUID CONNECTOR = UUID.fromString("0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final UnblockConnectorDelegate delegate = new UnblockConnectorDelegate(TestTenants.of(null, this.exchange));

	@Test
	void theConnectorIsUnblockedByItsGuidWithTheReview() {
		DelegateExecution execution = reviewed(false);
		this.delegate.execute(execution);
		verify(this.exchange).removeBlockedConnector(CONNECTOR, "Restricted Entity Runbook connector:" + CONNECTOR
				+ " (reviewed by analyst, approved by secadmin): Connector was ours; relay closed.");
		verify(this.exchange, never()).removeBlockedSenderAddress(anyString(), anyString());
		assertThat(execution.getVariable(CaseVariables.UNBLOCK_RESULT)).isEqualTo("Microsoft accepted the unblock.");
		assertThat(execution.getVariable(CaseVariables.UNBLOCKED_AT)).isNotNull();
	}

	@Test
	void theUnblockLimitEscalatesNamingTheConnector() {
		willThrow(ExchangeFailures.unblockLimitReached("Remove-BlockedConnector")).given(this.exchange)
			.removeBlockedConnector(eq(CONNECTOR), anyString());
		assertThatThrownBy(() -> this.delegate.execute(reviewed(false))).isInstanceOfSatisfying(BpmnError.class,
				(error) -> assertThat(error.getErrorCode()).isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED))
			.hasMessageContaining("Microsoft refused to unblock connector " + CONNECTOR + ": ");
	}

	@Test
	void aDryRunSendsNothingAndSaysSo() {
		TenantWire wire = new TenantWire();
		DelegateExecution execution = reviewed(true);
		new UnblockConnectorDelegate(TestTenants.of(null, wire.exchange())).execute(execution);
		wire.assertNothingSent();
		assertThat(execution.getVariable(CaseVariables.UNBLOCK_RESULT)).isEqualTo("Unblock not sent (dry run).");
		assertThat((String) execution.getVariable(CaseVariables.WOULD_BE_CHANGE))
			.startsWith("Exchange Online Remove-BlockedConnector: POST ")
			.contains("\"ConnectorId\":\"" + CONNECTOR + "\"");
	}

	private static DelegateExecution reviewed(boolean dryRun) {
		DelegateExecution execution = CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, "connector",
				CaseVariables.ENTITY_ID, CONNECTOR.toString(), CaseVariables.DRY_RUN, dryRun,
				CaseVariables.REVIEWED_BY, "analyst", CaseVariables.APPROVED_BY, "secadmin",
				CaseVariables.REVIEW_COMMENT, "Connector was ours; relay closed."));
		given(execution.getProcessBusinessKey()).willReturn("connector:" + CONNECTOR);
		return execution;
	}

}
