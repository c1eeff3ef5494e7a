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
import org.soc.runbook.tenant.exchange.ExchangeFailures;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * A SOC lead's retry of the unblock after an escalation: Microsoft is told it is a retry and the lead's note, for a
 * mailbox or a connector alike, and the unblock limit escalates again.
 */
class RetryUnblockDelegateTests {

	private static final String MAILBOX = "adele@contoso.onmicrosoft.com";

	private static final UUID CONNECTOR = UUID.fromString("0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11");

	private final ExchangeOnlineClient exchange = mock(ExchangeOnlineClient.class);

	private final RetryUnblockDelegate delegate = new RetryUnblockDelegate(TestTenants.of(null, this.exchange));

	@Test
	void theRetryTellsMicrosoftItIsARetryWithTheLeadsNote() {
		DelegateExecution execution = escalated("mailbox", MAILBOX);
		this.delegate.execute(execution);
		verify(this.exchange).removeBlockedSenderAddress(MAILBOX, "Restricted Entity Runbook mailbox:" + MAILBOX
				+ ": unblock retried after escalation: Microsoft support asked us to try again.");
		assertThat(execution.getVariable(CaseVariables.UNBLOCK_RESULT)).isEqualTo("Microsoft accepted the unblock.");
		assertThat(execution.getVariable(CaseVariables.UNBLOCKED_AT)).isNotNull();
	}

	@Test
	void aConnectorIsRetriedByItsGuid() {
		this.delegate.execute(escalated("connector", CONNECTOR.toString()));
		verify(this.exchange).removeBlockedConnector(CONNECTOR, "Restricted Entity Runbook connector:" + CONNECTOR
				+ ": unblock retried after escalation: Microsoft support asked us to try again.");
	}

	@Test
	void theUnblockLimitEscalatesAgain() {
		willThrow(ExchangeFailures.unblockLimitReached("Remove-BlockedSenderAddress")).given(this.exchange)
			.removeBlockedSenderAddress(eq(MAILBOX), anyString());
		assertThatThrownBy(() -> this.delegate.execute(escalated("mailbox", MAILBOX)))
			.isInstanceOfSatisfying(BpmnError.class,
					(error) -> assertThat(error.getErrorCode()).isEqualTo(RunbookErrors.UNBLOCK_LIMIT_REACHED));
	}

	private static DelegateExecution escalated(String type, String entity) {
		DelegateExecution execution = CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, type,
				CaseVariables.ENTITY_ID, entity, CaseVariables.DRY_RUN, false, CaseVariables.ESCALATION_NOTE,
				"Microsoft support asked us to try again."));
		given(execution.getProcessBusinessKey()).willReturn(type + ":" + entity);
		return execution;
	}

}
