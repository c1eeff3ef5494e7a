package org.soc.runbook.cases;

import org.soc.runbook.tenant.TestTenants;
import java.time.Duration;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.runbook.cases.CaseStarter.InvalidCaseRequest;

import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * A request to open a case that names its entity wrongly is refused naming the field that is wrong (the intake and
 * {@code POST /api/cases} answer with it), before anything is claimed, started or written: no engine is needed to
 * test that. Addresses and GUIDs are normalised so that one entity has one business key.
 */
class CaseStarterTests {

	private static final String RELAY = "0f8e1c52-7d55-4c6b-9a2b-6a0e0d9f2c11";

	private final RuntimeService runtime = mock(RuntimeService.class);

	private final HistoryService history = mock(HistoryService.class);

	private final OpenCaseRegistry registry = mock(OpenCaseRegistry.class);

	private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);

	private final CaseStarter starter = new CaseStarter(this.runtime, this.history, this.registry, this.transactions,
			new CaseProperties(Duration.ofDays(30), false), engine(), mock(KeptDecisions.class),
			TestTenants.single(null, null));

	@AfterEach
	void nothingWasClaimedStartedOrWritten() {
		verifyNoInteractions(this.runtime, this.history, this.registry, this.transactions);
	}

	@Test
	void dryRunMustBeABoolean() {
		assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, "mailbox", "adele@contoso.com", null, "yes", "api", "analyst"),
				"dryRun", "dryRun must be true or false");
	}

	@Test
	void theTypeMustBeMailboxOrConnector() {
		for (Object type : new Object[] { "printer", "Mailbox", null, 1 }) {
			assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, type, "adele@contoso.com", RELAY, "api", "analyst"), "type",
					"type must be \"mailbox\" or \"connector\"");
		}
	}

	@Test
	void theEntityOfTheTypeMustBeGivenAsAString() {
		assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, "mailbox", 42, null, "api", "analyst"), "address",
				"address is required and must be a string");
		// A connector's GUID in the wrong field is not taken for it.
		assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, "connector", RELAY, null, "api", "analyst"), "connectorId",
				"connectorId is required and must be a string");
	}

	@Test
	void anAddressThatIsNoneIsRefusedSayingWhy() {
		assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, "mailbox", "adele@", null, "api", "analyst"), "address",
				"address is not an e-mail address (expected name@domain.tld)");
		assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, "mailbox", "  ", null, "api", "analyst"), "address",
				"address is required");
		assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, "mailbox", "a".repeat(250) + "@contoso.com", null, "api",
				"analyst"), "address", "address is longer than 254 characters");
	}

	@Test
	void aConnectorIdThatIsNoGuidIsRefusedSayingWhy() {
		assertRefused(() -> this.starter.openCase(TestTenants.SINGLE, "connector", null, "Relay from on-prem", "api", "analyst"),
				"connectorId",
				"connectorId is not a GUID (expected 8-4-4-4-12 hexadecimal digits, as Get-BlockedConnector prints)");
	}

	@Test
	void oneEntityHasOneBusinessKeyHoweverItIsWritten() {
		assertThat(CaseStarter.normalizeAddress("  Adele@Contoso.COM ")).isEqualTo("adele@contoso.com");
		assertThat(CaseStarter.mailboxKey(TestTenants.SINGLE, "Adele@Contoso.com")).isEqualTo("mailbox:adele@contoso.com");
		assertThat(CaseStarter.normalizeConnectorId(" {0F8E1C52-7D55-4C6B-9A2B-6A0E0D9F2C11} ")).isEqualTo(RELAY);
	}

	private static void assertRefused(Runnable open, String field, String message) {
		assertThatThrownBy(open::run).isInstanceOfSatisfying(InvalidCaseRequest.class,
				(refused) -> assertThat(refused.field()).isEqualTo(field))
			.hasMessage(message);
	}

	private static ProcessEngine engine() {
		ProcessEngine engine = mock(ProcessEngine.class);
		ProcessEngineConfigurationImpl configuration = mock(ProcessEngineConfigurationImpl.class);
		given(engine.getProcessEngineConfiguration()).willReturn(configuration);
		return engine;
	}

}
