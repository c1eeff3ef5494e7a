package org.soc.runbook.tenant;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tenants a deployment serves: the single tenant as before, customers' entries that inherit what they leave out,
 * one key per Entra tenant, a customer whose clients cannot be built left out of service while the others are
 * served, and the way a case finds its tenant.
 */
class RunbookTenantsTests {

	private static final TenantProperties SHARED = TestTenants.properties("contoso.onmicrosoft.com");

	@Test
	void withoutEntriesTheDeploymentServesTheSingleTenantWhoseCasesHaveNoCamundaTenantAndUnprefixedKeys() {
		RunbookTenants tenants = new RunbookTenants(SHARED, new TenantsProperties(null), TenantsTestClients::of);

		assertThat(tenants.single()).isTrue();
		RunbookTenant single = tenants.tenant(null);
		assertThat(single.key()).isEqualTo(RunbookTenant.SINGLE);
		assertThat(single.camundaTenantId()).isNull();
		assertThat(single.businessKey("mailbox:adele@contoso.com")).isEqualTo("mailbox:adele@contoso.com");
		assertThat(tenants.clients(null).tenant()).isSameAs(single);
		assertThat(tenants.formerSingle()).isEmpty();
	}

	@Test
	void aCustomersEntryTakesWhatItLeavesOutFromTheSharedSettingsAndItsOwnCredentialWhole() {
		RunbookTenants tenants = new RunbookTenants(SHARED, new TenantsProperties(Map.of(
				"contoso", entry("contoso.onmicrosoft.com", null, null, null),
				"fabrikam", entry("fabrikam.onmicrosoft.com", "fabrikam-app", null, Path.of("/etc/fabrikam.pem")))),
				TenantsTestClients::of);

		RunbookTenant contoso = tenants.byKey("contoso").orElseThrow();
		RunbookTenant fabrikam = tenants.byKey("fabrikam").orElseThrow();
		assertThat(contoso.connection().clientId()).isEqualTo(SHARED.clientId());
		assertThat(contoso.connection().clientSecret()).isEqualTo(SHARED.clientSecret());
		assertThat(fabrikam.connection().tenantId()).isEqualTo("fabrikam.onmicrosoft.com");
		assertThat(fabrikam.connection().clientId()).isEqualTo("fabrikam-app");
		// Its certificate replaces the shared secret: one credential, not two.
		assertThat(fabrikam.connection().clientSecret()).isNull();
		assertThat(fabrikam.connection().certificateFile()).isEqualTo(Path.of("/etc/fabrikam.pem"));
		assertThat(TenantCredential.of(fabrikam.connection())).isInstanceOf(TenantCredential.Certificate.class);
		assertThat(fabrikam.connection().readTimeout()).isEqualTo(SHARED.readTimeout());

		assertThat(tenants.single()).isFalse();
		assertThat(tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam");
		assertThat(fabrikam.camundaTenantId()).isEqualTo("fabrikam");
		assertThat(fabrikam.businessKey("mailbox:nestor@fabrikam.com")).isEqualTo("fabrikam/mailbox:nestor@fabrikam.com");
		// A case from the single-tenant days belongs to the customer runbook.tenant.tenant-id still names.
		assertThat(tenants.tenant(null)).isSameAs(contoso);
		assertThat(tenants.formerSingle()).containsSame(contoso);
		assertThatThrownBy(() -> tenants.clients("tailspin")).isInstanceOf(Tenants.UnknownTenantException.class)
			.hasMessageContaining("no tenant 'tailspin'");
	}

	@Test
	void aCustomerWhoseClientsCannotBeBuiltIsOutOfServiceAndTheOthersAreServed() {
		RunbookTenants tenants = new RunbookTenants(SHARED, new TenantsProperties(Map.of(
				"contoso", entry("contoso.onmicrosoft.com", null, null, null),
				"fabrikam", entry("fabrikam.onmicrosoft.com", null, null, null))), (tenant) -> {
					if (tenant.key().equals("fabrikam")) {
						throw new IllegalStateException("the certificate file cannot be read");
					}
					return TenantsTestClients.of(tenant);
				});

		assertThat(tenants.clients("contoso")).isNotNull();
		assertThatThrownBy(() -> tenants.clients("fabrikam")).isInstanceOf(Tenants.UnknownTenantException.class)
			.hasMessageContaining("out of service")
			.hasMessageContaining("the certificate file cannot be read");
		assertThat(tenants.outOfService()).containsOnlyKeys("fabrikam");
	}

	@Test
	void twoKeysForOneEntraTenantAndUnusableKeysAreRefusedAtStart() {
		assertThatThrownBy(() -> new RunbookTenants(SHARED, new TenantsProperties(Map.of(
				"contoso", entry("contoso.onmicrosoft.com", null, null, null),
				"contoso-eu", entry("CONTOSO.onmicrosoft.com", null, null, null))), TenantsTestClients::of))
			.hasMessageContaining("name the same Entra tenant");
		for (String key : List.of("default", "Contoso", "con_toso", "-contoso")) {
			assertThatThrownBy(() -> new RunbookTenants(SHARED, new TenantsProperties(Map.of(
					key, entry("contoso.onmicrosoft.com", null, null, null))), TenantsTestClients::of))
				.as(key)
				.hasMessageContaining("runbook.tenants." + key);
		}
		assertThatThrownBy(() -> new RunbookTenants(SHARED, new TenantsProperties(Map.of(
				"contoso", entry(" ", null, null, null))), TenantsTestClients::of))
			.hasMessageContaining("tenant-id is required");
	}

	@Test
	void aBusinessKeyNamesItsTenantOnlyBeforeTheEntityType() {
		assertThat(RunbookTenant.camundaTenantOf("fabrikam/mailbox:nestor@fabrikam.com")).isEqualTo("fabrikam");
		assertThat(RunbookTenant.camundaTenantOf("mailbox:adele@contoso.com")).isNull();
		// An address may hold a slash of its own.
		assertThat(RunbookTenant.camundaTenantOf("mailbox:a/b@contoso.com")).isNull();
		assertThat(RunbookTenant.camundaTenantOf("fabrikam/mailbox:a/b@fabrikam.com")).isEqualTo("fabrikam");
		assertThat(RunbookTenant.camundaTenantOf(null)).isNull();
	}

	@Test
	void aCustomersMfaSettingsOverrideTheDeploymentsOnlyWhereSet() {
		RunbookTenant own = TestTenants.customer("fabrikam", "fabrikam.onmicrosoft.com", "per-user", null);
		assertThat(own.mfaStrategy("group")).isEqualTo("per-user");
		assertThat(own.mfaGroupId("5b0c")).isEqualTo("5b0c");
		assertThat(TestTenants.SINGLE.mfaStrategy("group")).isEqualTo("group");
	}

	private static TenantsProperties.Entry entry(String tenantId, String clientId, String secret, Path certificate) {
		return new TenantsProperties.Entry(null, tenantId, clientId, secret, certificate, null, null, null, null, null,
				null, null, null, null, null, false, List.of(), List.of());
	}

	/** Clients that are never called: these tests are about which tenant, not about calls. */
	static final class TenantsTestClients {

		static TenantClients of(RunbookTenant tenant) {
			return TenantClients.of(tenant, null, null);
		}

	}

}
