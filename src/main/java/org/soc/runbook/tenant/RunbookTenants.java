package org.soc.runbook.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants this deployment serves and each one's clients. With {@code runbook.tenants} empty it is the one tenant of
 * {@code runbook.tenant.*}; otherwise each entry there, built at start. A customer's tenant whose clients cannot be
 * built (an unreadable certificate, no credential) is reported and left out of service: the other customers' cases go
 * on. The single tenant has no such leniency: it is the whole deployment, which then does not start.
 */
public final class RunbookTenants implements Tenants {

	private static final Logger LOG = LoggerFactory.getLogger(RunbookTenants.class);

	private final Map<String, RunbookTenant> byKey = new LinkedHashMap<>();

	private final Map<String, TenantClients> clients = new LinkedHashMap<>();

	private final Map<String, String> unusable = new LinkedHashMap<>();

	private final String formerSingleTenant;

	/**
	 * @param shared {@code runbook.tenant.*}: the single tenant, or what the customers' entries leave out
	 * @param configured {@code runbook.tenants}
	 * @param build how a tenant's clients are made
	 */
	public RunbookTenants(TenantProperties shared, TenantsProperties configured,
			Function<RunbookTenant, TenantClients> build) {
		List<RunbookTenant> tenants = new ArrayList<>();
		if (configured.tenants().isEmpty()) {
			tenants.add(RunbookTenant.single(shared));
		}
		else {
			configured.tenants().forEach((key, entry) -> tenants.add(RunbookTenant.of(key, entry, shared)));
			tenants.sort(Comparator.comparing(RunbookTenant::key));
		}
		Map<String, String> entraTenants = new LinkedHashMap<>();
		for (RunbookTenant tenant : tenants) {
			String entra = String.valueOf(tenant.connection().tenantId()).toLowerCase(Locale.ROOT);
			String twin = entraTenants.putIfAbsent(entra, tenant.key());
			if (twin != null) {
				throw new IllegalStateException("runbook.tenants." + twin + " and runbook.tenants." + tenant.key()
						+ " name the same Entra tenant (" + entra + "): one case per entity needs one key per tenant");
			}
			this.byKey.put(tenant.key(), tenant);
			if (tenant.camundaTenantId() == null) {
				this.clients.put(tenant.key(), build.apply(tenant));
				continue;
			}
			try {
				this.clients.put(tenant.key(), build.apply(tenant));
			}
			catch (RuntimeException ex) {
				this.unusable.put(tenant.key(), String.valueOf(ex.getMessage()));
				LOG.error("Tenant {} ({}) is out of service: its clients could not be built ({}). The other tenants "
						+ "are served; mend its settings and restart.", tenant.key(), tenant.connection().tenantId(),
						ex.getMessage());
			}
		}
		this.formerSingleTenant = (shared.tenantId() != null) ? shared.tenantId().toLowerCase(Locale.ROOT) : null;
	}

	/** Every tenant served, in key order. */
	public List<RunbookTenant> all() {
		return List.copyOf(this.byKey.values());
	}

	/** True when the deployment serves the one tenant of {@code runbook.tenant.*}. */
	public boolean single() {
		return this.byKey.containsKey(RunbookTenant.SINGLE);
	}

	/** The tenant with this key. */
	public Optional<RunbookTenant> byKey(String key) {
		return Optional.ofNullable((key != null) ? this.byKey.get(key) : null);
	}

	/**
	 * The tenant of a case by its Camunda tenant id. Null is the single tenant; in a deployment of many, a case from
	 * the days of one (no Camunda tenant) belongs to the customer whose Entra tenant {@code runbook.tenant.tenant-id}
	 * still names.
	 */
	public RunbookTenant tenant(String camundaTenantId) {
		if (camundaTenantId == null) {
			RunbookTenant single = this.byKey.get(RunbookTenant.SINGLE);
			if (single != null) {
				return single;
			}
			return formerSingle().orElseThrow(() -> new UnknownTenantException("This case belongs to no tenant, and runbook.tenant."
						+ "tenant-id names none of runbook.tenants: set it to the Entra tenant its cases came from"));
		}
		RunbookTenant tenant = this.byKey.get(camundaTenantId);
		if (tenant == null || tenant.camundaTenantId() == null) {
			throw new UnknownTenantException("The deployment serves no tenant '" + camundaTenantId + "' (removed from "
					+ "runbook.tenants while its cases ran?)");
		}
		return tenant;
	}

	/**
	 * In a deployment of many tenants, the customer whose Entra tenant {@code runbook.tenant.tenant-id} still names:
	 * the one tenant of the deployment's single-tenant days, whose open cases (no Camunda tenant, keys without a
	 * prefix) are that customer's. Empty otherwise.
	 */
	public Optional<RunbookTenant> formerSingle() {
		if (single() || this.formerSingleTenant == null) {
			return Optional.empty();
		}
		return this.byKey.values()
			.stream()
			.filter((tenant) -> tenant.connection().tenantId().equalsIgnoreCase(this.formerSingleTenant))
			.findFirst();
	}

	@Override
	public TenantClients clients(String camundaTenantId) {
		return clientsOf(tenant(camundaTenantId));
	}

	/** The tenant's clients, or an {@link UnknownTenantException} saying why it is out of service. */
	public TenantClients clientsOf(RunbookTenant tenant) {
		TenantClients built = this.clients.get(tenant.key());
		if (built == null) {
			throw new UnknownTenantException("Tenant " + tenant.key() + " is out of service: its clients could not be "
					+ "built (" + this.unusable.get(tenant.key()) + ")");
		}
		return built;
	}

	/** Why each tenant out of service is, by key. */
	public Map<String, String> outOfService() {
		return Map.copyOf(this.unusable);
	}

}
