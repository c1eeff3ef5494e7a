package org.soc.runbook.tenant;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link RunbookTenants#reconfigure}: the tenants file's entries added, changed and removed while the
 * deployment runs, a removed tenant with open cases retiring, and a file that cannot be served changing nothing.
 */
class TenantsReconfigureTests {

	private static final TenantProperties SHARED = TestTenants.properties("contoso.onmicrosoft.com");

	/** The tenants whose clients were built, in order: each build is a new set of clients. */
	private final List<String> built = new java.util.ArrayList<>();

	private final Set<String> withOpenCases = new HashSet<>();

	private boolean certificateUnreadable;

	private final RunbookTenants tenants = new RunbookTenants(SHARED,
			new TenantsProperties(Map.of("contoso", entry("contoso.onmicrosoft.com", false))),
			Map.of("fabrikam", entry("fabrikam.onmicrosoft.com", false)), (tenant) -> {
				if (tenant.connection().tenantId().startsWith("broken")
						|| (this.certificateUnreadable && tenant.key().equals("northwind"))) {
					throw new IllegalStateException("the certificate file cannot be read");
				}
				this.built.add(tenant.key());
				return RunbookTenantsTests.TenantsTestClients.of(tenant);
			});

	@Test
	void theFixedEntriesAndTheFilesAreServedTogetherFromTheStart() {
		assertThat(this.tenants.single()).isFalse();
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam");
		assertThat(this.built).containsExactlyInAnyOrder("contoso", "fabrikam");
	}

	@Test
	void anAddedTenantIsServedAndBuiltWhileTheOthersKeepTheirClients() {
		TenantClients contoso = this.tenants.clients("contoso");
		TenantClients fabrikam = this.tenants.clients("fabrikam");

		TenantsChange change = reconfigure(Map.of("fabrikam", entry("fabrikam.onmicrosoft.com", false), "northwind",
				entry("northwind.onmicrosoft.com", true)));

		assertThat(change.added()).extracting(RunbookTenant::key).containsExactly("northwind");
		assertThat(change.changed()).isEmpty();
		assertThat(change.removed()).isEmpty();
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam",
				"northwind");
		assertThat(this.tenants.tenant("northwind").dryRun()).as("a new customer may start in dry run").isTrue();
		assertThat(this.tenants.clients("contoso")).isSameAs(contoso);
		assertThat(this.tenants.clients("fabrikam")).as("unchanged: its tokens and holds carry on").isSameAs(fabrikam);
	}

	@Test
	void aChangedTenantGetsNewClientsOnItsNewSettings() {
		TenantClients before = this.tenants.clients("fabrikam");

		TenantsChange change = reconfigure(Map.of("fabrikam", entry("fabrikam.onmicrosoft.com", true)));

		assertThat(change.changed()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.tenant("fabrikam").dryRun()).isTrue();
		assertThat(this.tenants.clients("fabrikam")).isNotSameAs(before);
		assertThat(this.tenants.clients("fabrikam").tenant().dryRun()).isTrue();
	}

	@Test
	void aChangeOfWhoServesATenantKeepsItsConnectionsTokensAndHolds() {
		TenantClients before = this.tenants.clients("fabrikam");
		TenantsProperties.Entry served = new TenantsProperties.Entry("Fabrikam", "fabrikam.onmicrosoft.com", null,
				null, null, null, null, null, null, null, null, null, null, null, null, false, List.of("analyst2"),
				List.of("fabrikam-soc"));

		TenantsChange change = reconfigure(Map.of("fabrikam", served));

		assertThat(change.changed()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		TenantClients after = this.tenants.clients("fabrikam");
		assertThat(after.tenant().users()).containsExactly("analyst2");
		assertThat(after.graph()).as("the same client: a Retry-After it holds still holds").isSameAs(before.graph());
		assertThat(this.built).as("nothing rebuilt").containsExactly("contoso", "fabrikam");
	}

	@Test
	void aChangeWhoseClientsCannotBeBuiltIsNotAppliedAndTheTenantKeepsItsOldSettings() {
		TenantClients before = this.tenants.clients("fabrikam");

		TenantsChange change = reconfigure(Map.of("fabrikam", entry("broken.onmicrosoft.com", false)));

		assertThat(change.notApplied()).containsOnlyKeys("fabrikam");
		assertThat(change.notApplied().get("fabrikam")).contains("the certificate file cannot be read");
		assertThat(this.tenants.tenant("fabrikam").connection().tenantId()).isEqualTo("fabrikam.onmicrosoft.com");
		assertThat(this.tenants.clients("fabrikam")).isSameAs(before);
	}

	@Test
	void anOutOfServiceTenantIsBuiltAgainAtTheNextApplyOnceItsCredentialIsMended() {
		this.certificateUnreadable = true;
		reconfigure(Map.of("fabrikam", entry("fabrikam.onmicrosoft.com", false), "northwind",
				entry("northwind.onmicrosoft.com", false)));
		assertThat(this.tenants.outOfService()).containsOnlyKeys("northwind");

		this.certificateUnreadable = false;
		TenantsChange mended = reconfigure(Map.of("fabrikam", entry("fabrikam.onmicrosoft.com", false), "northwind",
				entry("northwind.onmicrosoft.com", false)));

		assertThat(mended.changed()).extracting(RunbookTenant::key).containsExactly("northwind");
		assertThat(this.tenants.outOfService()).isEmpty();
		assertThat(this.tenants.clients("northwind")).isNotNull();
	}

	@Test
	void aRemovedTenantWithoutOpenCasesGoes() {
		TenantsChange change = reconfigure(Map.of());

		assertThat(change.removed()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso");
		assertThat(this.tenants.byKey("fabrikam")).isEmpty();
		assertThatThrownBy(() -> this.tenants.clients("fabrikam")).isInstanceOf(Tenants.UnknownTenantException.class);
	}

	@Test
	void aRemovedTenantWithOpenCasesRetiresUntilTheyCloseThenGoes() {
		this.withOpenCases.add("fabrikam");

		TenantsChange retiring = reconfigure(Map.of());

		assertThat(retiring.retiring()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(retiring.removed()).isEmpty();
		assertThat(this.tenants.all()).as("not polled, no new case").extracting(RunbookTenant::key)
			.containsExactly("contoso");
		assertThat(this.tenants.retiring()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.clients("fabrikam")).as("its open cases still reach their tenant").isNotNull();
		assertThat(this.tenants.byKey("fabrikam")).as("their escalations still find its webhook").isPresent();

		assertThat(reconfigure(Map.of()).none()).as("still open: nothing new").isTrue();

		this.withOpenCases.clear();
		TenantsChange gone = reconfigure(Map.of());
		assertThat(gone.removed()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.retiring()).isEmpty();
		assertThat(this.tenants.byKey("fabrikam")).isEmpty();
	}

	@Test
	void aRetiringTenantPutBackInTheFileIsServedAgain() {
		this.withOpenCases.add("fabrikam");
		reconfigure(Map.of());

		TenantsChange back = reconfigure(Map.of("fabrikam", entry("fabrikam.onmicrosoft.com", false)));

		assertThat(back.added()).extracting(RunbookTenant::key).containsExactly("fabrikam");
		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam");
		assertThat(this.tenants.retiring()).isEmpty();
	}

	@Test
	void entriesThatCannotBeServedTogetherChangeNothing() {
		Map<String, TenantsProperties.Entry> twins = new LinkedHashMap<>();
		twins.put("fabrikam", entry("fabrikam.onmicrosoft.com", false));
		twins.put("fabrikam-eu", entry("FABRIKAM.onmicrosoft.com", false));
		assertThatThrownBy(() -> reconfigure(twins)).hasMessageContaining("name the same Entra tenant");
		assertThatThrownBy(() -> reconfigure(Map.of("contoso", entry("contoso.onmicrosoft.com", true))))
			.as("a fixed entry is changed by a restart, not by the file")
			.hasMessageContaining("runbook.tenants.contoso is in the tenants file as well");
		assertThatThrownBy(() -> reconfigure(Map.of("Bad_Key", entry("bad.onmicrosoft.com", false))))
			.hasMessageContaining("runbook.tenants.Bad_Key");

		assertThat(this.tenants.all()).extracting(RunbookTenant::key).containsExactly("contoso", "fabrikam");
		assertThat(this.built).as("nothing was built for a refused file").hasSize(2);
	}

	@Test
	void aTenantsFileThatListsNoCustomerYetMakesADeploymentOfManyServingNone() {
		RunbookTenants none = new RunbookTenants(SHARED, new TenantsProperties(null), Map.of(),
				RunbookTenantsTests.TenantsTestClients::of);

		assertThat(none.single()).isFalse();
		assertThat(none.all()).isEmpty();
		assertThat(new TenantHealthIndicator(none).health().getStatus()).as("ready for its first customer")
			.isEqualTo(org.springframework.boot.actuate.health.Status.UP);
		assertThat(none.reconfigure(Map.of("fabrikam", entry("fabrikam.onmicrosoft.com", false)), (tenant) -> false)
			.added()).extracting(RunbookTenant::key).containsExactly("fabrikam");
	}

	@Test
	void theSingleTenantOfADeploymentWithoutATenantsFileIsNotReconfigured() {
		RunbookTenants single = new RunbookTenants(SHARED, new TenantsProperties(null),
				RunbookTenantsTests.TenantsTestClients::of);
		assertThatThrownBy(() -> single.reconfigure(Map.of(), (tenant) -> false))
			.hasMessageContaining("has no tenants file");
	}

	private TenantsChange reconfigure(Map<String, TenantsProperties.Entry> file) {
		return this.tenants.reconfigure(file, (tenant) -> this.withOpenCases.contains(tenant.key()));
	}

	private static TenantsProperties.Entry entry(String tenantId, boolean dryRun) {
		return new TenantsProperties.Entry(null, tenantId, null, null, null, null, null, null, null, null, null, null,
				null, null, null, dryRun, List.of(), List.of());
	}

}
