package org.soc.runbook.remediation;

import org.soc.runbook.tenant.TestTenants;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.CaseVariablesFake;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.CaseTenants;
import org.soc.runbook.cases.CaseStarter.OpenedCase;
import org.soc.runbook.cases.CaseVariables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * A connector review that asked to investigate the administrator: a mailbox case for that account is opened (or
 * found open) naming the connector case, in the connector case's run mode and in the reviewer's name, and the
 * connector case records which case that is, so that the two name each other.
 */
class OpenAdminMailboxCaseDelegateTests {

	private static final String CONNECTOR_CASE = "connector:0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11";

	private static final String ADMIN = "it-admin@contoso.onmicrosoft.com";

	private final CaseStarter starter = mock(CaseStarter.class);

	private final CaseTenants tenants = mock(CaseTenants.class);

	private final OpenAdminMailboxCaseDelegate delegate = new OpenAdminMailboxCaseDelegate(this.starter, this.tenants);

	@BeforeEach
	void theConnectorCaseIsInTheSingleTenant() {
		given(this.tenants.ofCase(null)).willReturn(TestTenants.SINGLE);
	}

	@Test
	void theAdminsCaseIsOpenedWithTheConnectorCasesKeyAndRecorded() {
		given(this.starter.openAdminMailboxCase(TestTenants.SINGLE, ADMIN, CONNECTOR_CASE, false, "analyst"))
			.willReturn(new OpenedCase("pi-42", "mailbox:" + ADMIN, true));
		DelegateExecution execution = reviewed(false);
		this.delegate.execute(execution);
		verify(this.starter).openAdminMailboxCase(TestTenants.SINGLE, ADMIN, CONNECTOR_CASE, false, "analyst");
		assertThat(execution.getVariable(CaseVariables.ADMIN_CASE)).isEqualTo("mailbox:" + ADMIN);
	}

	@Test
	void aRehearsedConnectorCaseOpensARehearsedAdminCase() {
		// A dry run must not start a live case that resets a real administrator's password.
		given(this.starter.openAdminMailboxCase(TestTenants.SINGLE, ADMIN, CONNECTOR_CASE, true, "analyst"))
			.willReturn(new OpenedCase("pi-42", "mailbox:" + ADMIN, true));
		DelegateExecution execution = reviewed(true);
		this.delegate.execute(execution);
		verify(this.starter).openAdminMailboxCase(TestTenants.SINGLE, ADMIN, CONNECTOR_CASE, true, "analyst");
		assertThat(execution.getVariable(CaseVariables.ADMIN_CASE)).isEqualTo("mailbox:" + ADMIN);
	}

	@Test
	void anAdminCaseAlreadyOpenIsTheOneRecorded() {
		given(this.starter.openAdminMailboxCase(TestTenants.SINGLE, ADMIN, CONNECTOR_CASE, false, "analyst"))
			.willReturn(new OpenedCase("pi-7", "mailbox:" + ADMIN, false));
		DelegateExecution execution = reviewed(false);
		this.delegate.execute(execution);
		assertThat(execution.getVariable(CaseVariables.ADMIN_CASE)).isEqualTo("mailbox:" + ADMIN);
	}

	private static DelegateExecution reviewed(boolean dryRun) {
		DelegateExecution execution = CaseVariablesFake.execution(Map.of(CaseVariables.ENTITY_TYPE, "connector",
				CaseVariables.ENTITY_ID, "0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11", CaseVariables.DRY_RUN, dryRun,
				CaseVariables.REVIEWED_BY, "analyst", CaseVariables.INVESTIGATE_ADMIN, true,
				CaseVariables.ADMIN_ACCOUNT, ADMIN));
		given(execution.getProcessBusinessKey()).willReturn(CONNECTOR_CASE);
		return execution;
	}

}
