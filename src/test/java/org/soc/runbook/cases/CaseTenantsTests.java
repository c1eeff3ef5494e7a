package org.soc.runbook.cases;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.soc.runbook.security.TenantMembers;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantClients;
import org.soc.runbook.tenant.TenantsProperties;
import org.soc.runbook.tenant.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The tenant a request to open a case may name: only one its person serves; without a name, the one they serve when
 * they serve one; the provider's SIEM (no person) any tenant, but it must say which. An unknown tenant and another
 * customer's get the same answer, which names only the person's own.
 */
class CaseTenantsTests {

	private final TenantMembers members = mock(TenantMembers.class);

	private final CaseTenants tenants = new CaseTenants(new RunbookTenants(TestTenants.SINGLE.connection(),
			new TenantsProperties(Map.of("contoso", TestTenants.entry("contoso.onmicrosoft.com"), "fabrikam",
					TestTenants.entry("fabrikam.onmicrosoft.com"))),
			(tenant) -> TenantClients.of(tenant, null, null)), this.members);

	@Test
	void aPersonOpensCasesOnlyInATenantTheyServeAndNamesItWhenTheyServeSeveral() {
		given(this.members.servedBy("analyst")).willReturn(Set.of("contoso"));
		given(this.members.servedBy("secadmin")).willReturn(Set.of("contoso", "fabrikam"));

		assertThat(this.tenants.forRequest(null, "analyst").key()).isEqualTo("contoso");
		assertThat(this.tenants.forRequest("contoso", "analyst").key()).isEqualTo("contoso");
		assertThat(this.tenants.forRequest("fabrikam", "secadmin").key()).isEqualTo("fabrikam");
		for (Object other : List.of("fabrikam", "tailspin")) {
			assertThatThrownBy(() -> this.tenants.forRequest(other, "analyst"))
				.isInstanceOfSatisfying(CaseStarter.InvalidCaseRequest.class,
						(refused) -> assertThat(refused.field()).isEqualTo("tenant"))
				.hasMessage("no tenant '" + other + "' that you serve: one of contoso");
		}
		assertThatThrownBy(() -> this.tenants.forRequest(null, "secadmin"))
			.hasMessage("tenant is required: one of contoso, fabrikam");
		assertThatThrownBy(() -> this.tenants.forRequest(42, "secadmin")).hasMessageStartingWith("tenant must be a string");
	}

	@Test
	void someoneWhoServesNoTenantOpensNothingAndTheIntakeMustNameItsTenant() {
		given(this.members.servedBy("outsider")).willReturn(Set.of());
		assertThatThrownBy(() -> this.tenants.forRequest("contoso", "outsider")).hasMessageEndingWith("you serve none");
		assertThatThrownBy(() -> this.tenants.forRequest(null, null))
			.hasMessage("tenant is required: one of contoso, fabrikam");
		assertThat(this.tenants.forRequest("fabrikam", null).key()).isEqualTo("fabrikam");
	}

	@Test
	void aDeploymentOfOneTenantNeedsNoTenantInARequest() {
		CaseTenants single = new CaseTenants(TestTenants.single(null, null), this.members);
		assertThat(single.forRequest(null, "analyst").camundaTenantId()).isNull();
		assertThat(single.forRequest("contoso.onmicrosoft.com", "analyst").camundaTenantId()).isNull();
		assertThatThrownBy(() -> single.forRequest("fabrikam", "analyst"))
			.hasMessage("this deployment serves one tenant; leave tenant out");
	}

}
