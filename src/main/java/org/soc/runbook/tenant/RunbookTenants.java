package org.soc.runbook.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants this deployment serves and each one's clients. With neither {@code runbook.tenants} nor a tenants file
 * it is the one tenant of {@code runbook.tenant.*}; otherwise each entry of either. A customer's tenant whose clients
 * cannot be built (an unreadable certificate, no credential) is reported and left out of service: the other customers'
 * cases go on. The single tenant has no such leniency: it is the whole deployment, which then does not start.
 * <p>
 * The tenants file's entries change while the deployment runs ({@link #reconfigure}): a tenant is added, its settings
 * changed (new clients for its next calls), or removed. A removed tenant whose cases are still open retires: it is no
 * longer polled and takes no new case, but its open cases run to their end with its clients, and it goes at the first
 * change after its last case closed. Each state is a whole: a step reads one, never half of a change.
 */
public final class RunbookTenants implements Tenants {

	private static final Logger LOG = LoggerFactory.getLogger(RunbookTenants.class);

	private final TenantProperties shared;

	/** {@code runbook.tenants}: fixed while the deployment runs. */
	private final Map<String, TenantsProperties.Entry> fixed;

	private final boolean many;

	private final Function<RunbookTenant, TenantClients> build;

	private final String formerSingleTenant;

	private volatile Served served;

	/**
	 * @param shared {@code runbook.tenant.*}: the single tenant, or what the customers' entries leave out
	 * @param configured {@code runbook.tenants}
	 * @param build how a tenant's clients are made
	 */
	public RunbookTenants(TenantProperties shared, TenantsProperties configured,
			Function<RunbookTenant, TenantClients> build) {
		this(shared, configured, null, build);
	}

	/**
	 * @param fromFile the tenants file's entries, or null when the deployment has no tenants file
	 */
	public RunbookTenants(TenantProperties shared, TenantsProperties configured,
			Map<String, TenantsProperties.Entry> fromFile, Function<RunbookTenant, TenantClients> build) {
		this.shared = shared;
		this.fixed = configured.tenants();
		this.many = !this.fixed.isEmpty() || fromFile != null;
		this.build = build;
		this.formerSingleTenant = (shared.tenantId() != null) ? shared.tenantId().toLowerCase(Locale.ROOT) : null;
		if (!this.many) {
			RunbookTenant single = RunbookTenant.single(shared);
			this.served = new Served(Map.of(single.key(), single), Map.of(), Map.of(single.key(), build.apply(single)),
					Map.of());
			return;
		}
		Map<String, RunbookTenant> serving = new LinkedHashMap<>();
		Map<String, TenantClients> clients = new LinkedHashMap<>();
		Map<String, String> unusable = new LinkedHashMap<>();
		for (RunbookTenant tenant : tenants(fromFile)) {
			serving.put(tenant.key(), tenant);
			buildInto(tenant, clients, unusable);
		}
		this.served = new Served(serving, Map.of(), clients, unusable);
	}

	/**
	 * Serves the tenants of {@code runbook.tenants} and of the tenants file as it now reads: the added ones are built,
	 * the changed ones rebuilt, the removed ones go, or retire while {@code hasOpenCases}. Entries that cannot be
	 * served together (a bad key, two keys for one Entra tenant, a key in both places) change nothing and throw an
	 * {@link IllegalStateException} naming the entry. A changed tenant whose new clients cannot be built keeps its old
	 * settings; an added one is out of service, as at start.
	 */
	public synchronized TenantsChange reconfigure(Map<String, TenantsProperties.Entry> fromFile,
			Predicate<RunbookTenant> hasOpenCases) {
		if (!this.many) {
			throw new IllegalStateException("A deployment of the single tenant of runbook.tenant.* has no tenants file");
		}
		List<RunbookTenant> next = tenants(fromFile);
		Served now = this.served;
		Map<String, RunbookTenant> serving = new LinkedHashMap<>();
		Map<String, RunbookTenant> retiring = new LinkedHashMap<>();
		Map<String, TenantClients> clients = new LinkedHashMap<>();
		Map<String, String> unusable = new LinkedHashMap<>();
		List<RunbookTenant> added = new ArrayList<>();
		List<RunbookTenant> changed = new ArrayList<>();
		Map<String, String> notApplied = new LinkedHashMap<>();
		for (RunbookTenant tenant : next) {
			RunbookTenant old = now.lookup(tenant.key());
			if (old == null) {
				serving.put(tenant.key(), tenant);
				buildInto(tenant, clients, unusable);
				added.add(tenant);
			}
			else if (old.equals(tenant) && now.retiring().get(tenant.key()) == null) {
				serving.put(tenant.key(), old);
				if (now.clients().containsKey(old.key())) {
					carryOver(now, old, clients, unusable);
				}
				else {
					// Out of service: its certificate may have been mended since, with the entry as it was.
					buildInto(old, clients, unusable);
					if (clients.containsKey(old.key())) {
						changed.add(old);
					}
				}
			}
			else if (old.equals(tenant)) {
				// Back in the file while it retired: served again as it was.
				serving.put(tenant.key(), old);
				carryOver(now, old, clients, unusable);
				added.add(old);
			}
			else if (old.connection().equals(tenant.connection()) && now.clients().containsKey(old.key())) {
				// Only who serves it, its name, MFA, poll or run mode changed: same tokens, connections and holds.
				TenantClients kept = now.clients().get(old.key());
				clients.put(tenant.key(), new TenantClients(tenant, kept.graph(), kept.exchange(), kept.tokens(),
						kept.reachability()));
				serving.put(tenant.key(), tenant);
				changed.add(tenant);
			}
			else {
				try {
					clients.put(tenant.key(), this.build.apply(tenant));
					serving.put(tenant.key(), tenant);
					changed.add(tenant);
				}
				catch (RuntimeException ex) {
					notApplied.put(tenant.key(), String.valueOf(ex.getMessage()));
					serving.put(tenant.key(), old);
					carryOver(now, old, clients, unusable);
				}
			}
		}
		List<RunbookTenant> removed = new ArrayList<>();
		List<RunbookTenant> beganToRetire = new ArrayList<>();
		for (RunbookTenant old : now.every()) {
			if (serving.containsKey(old.key())) {
				continue;
			}
			if (hasOpenCases.test(old)) {
				retiring.put(old.key(), old);
				carryOver(now, old, clients, unusable);
				if (now.serving().containsKey(old.key())) {
					beganToRetire.add(old);
				}
			}
			else {
				removed.add(old);
			}
		}
		this.served = new Served(serving, retiring, clients, unusable);
		return new TenantsChange(added, changed, removed, beganToRetire, notApplied);
	}

	/**
	 * Lets the retiring tenants whose last case has closed go, with nothing else read or built: what a look at an
	 * unchanged tenants file does while tenants retire.
	 */
	public synchronized TenantsChange settleRetiring(Predicate<RunbookTenant> hasOpenCases) {
		Served now = this.served;
		Map<String, RunbookTenant> retiring = new LinkedHashMap<>(now.retiring());
		List<RunbookTenant> removed = new ArrayList<>();
		for (RunbookTenant old : now.retiring().values()) {
			if (!hasOpenCases.test(old)) {
				retiring.remove(old.key());
				removed.add(old);
			}
		}
		if (!removed.isEmpty()) {
			Map<String, TenantClients> clients = new LinkedHashMap<>(now.clients());
			Map<String, String> unusable = new LinkedHashMap<>(now.unusable());
			removed.forEach((tenant) -> {
				clients.remove(tenant.key());
				unusable.remove(tenant.key());
			});
			this.served = new Served(now.serving(), retiring, clients, unusable);
		}
		return new TenantsChange(List.of(), List.of(), removed, List.of(), Map.of());
	}

	/** Every tenant served, in key order: polled, and open to new cases. Not the retiring ones. */
	public List<RunbookTenant> all() {
		return List.copyOf(this.served.serving().values());
	}

	/** True when the deployment serves the one tenant of {@code runbook.tenant.*}. */
	public boolean single() {
		return !this.many;
	}

	/** The tenant with this key if it is served: polled and open to new cases (not retiring). */
	public Optional<RunbookTenant> served(String key) {
		return Optional.ofNullable((key != null) ? this.served.serving().get(key) : null);
	}

	/** The tenant with this key, served or retiring (its open cases still reach it). */
	public Optional<RunbookTenant> byKey(String key) {
		return Optional.ofNullable((key != null) ? this.served.lookup(key) : null);
	}

	/**
	 * The tenant of a case by its Camunda tenant id, served or retiring. Null is the single tenant; in a deployment of
	 * many, a case from the days of one (no Camunda tenant) belongs to the customer whose Entra tenant
	 * {@code runbook.tenant.tenant-id} still names.
	 */
	public RunbookTenant tenant(String camundaTenantId) {
		if (camundaTenantId == null) {
			if (!this.many) {
				return this.served.lookup(RunbookTenant.SINGLE);
			}
			return formerSingle().orElseThrow(() -> new UnknownTenantException("This case belongs to no tenant, and runbook.tenant."
						+ "tenant-id names none of runbook.tenants: set it to the Entra tenant its cases came from"));
		}
		RunbookTenant tenant = this.served.lookup(camundaTenantId);
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
		if (!this.many || this.formerSingleTenant == null) {
			return Optional.empty();
		}
		return this.served.every()
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
		Served now = this.served;
		TenantClients built = now.clients().get(tenant.key());
		if (built == null) {
			throw new UnknownTenantException("Tenant " + tenant.key() + " is out of service: its clients could not be "
					+ "built (" + now.unusable().get(tenant.key()) + ")");
		}
		return built;
	}

	/** Why each tenant out of service is, by key. */
	public Map<String, String> outOfService() {
		return Map.copyOf(this.served.unusable());
	}

	/** The tenants that left the configuration but still have open cases, in key order. */
	public List<RunbookTenant> retiring() {
		return List.copyOf(this.served.retiring().values());
	}

	/** The fixed entries and the file's as tenants, in key order; refused as a whole when they cannot be served. */
	private List<RunbookTenant> tenants(Map<String, TenantsProperties.Entry> fromFile) {
		Map<String, TenantsProperties.Entry> entries = new LinkedHashMap<>(this.fixed);
		if (fromFile != null) {
			fromFile.forEach((key, entry) -> {
				if (entries.putIfAbsent(key, entry) != null) {
					throw new IllegalStateException("runbook.tenants." + key + " is in the tenants file as well: a "
							+ "tenant is configured in one place");
				}
			});
		}
		List<RunbookTenant> tenants = new ArrayList<>();
		entries.forEach((key, entry) -> tenants.add(RunbookTenant.of(key, entry, this.shared)));
		tenants.sort(Comparator.comparing(RunbookTenant::key));
		Map<String, String> entraTenants = new LinkedHashMap<>();
		for (RunbookTenant tenant : tenants) {
			String entra = String.valueOf(tenant.connection().tenantId()).toLowerCase(Locale.ROOT);
			String twin = entraTenants.putIfAbsent(entra, tenant.key());
			if (twin != null) {
				throw new IllegalStateException("runbook.tenants." + twin + " and runbook.tenants." + tenant.key()
						+ " name the same Entra tenant (" + entra + "): one case per entity needs one key per tenant");
			}
		}
		return tenants;
	}

	private void buildInto(RunbookTenant tenant, Map<String, TenantClients> clients, Map<String, String> unusable) {
		try {
			clients.put(tenant.key(), this.build.apply(tenant));
		}
		catch (RuntimeException ex) {
			unusable.put(tenant.key(), String.valueOf(ex.getMessage()));
			LOG.error("Tenant {} ({}) is out of service: its clients could not be built ({}). The other tenants "
					+ "are served; mend its settings (a tenants file's entry is read again when the file changes, "
					+ "runbook.tenants at restart).", tenant.key(), tenant.connection().tenantId(), ex.getMessage());
		}
	}

	private static void carryOver(Served now, RunbookTenant tenant, Map<String, TenantClients> clients,
			Map<String, String> unusable) {
		TenantClients built = now.clients().get(tenant.key());
		if (built != null) {
			clients.put(tenant.key(), built);
		}
		else {
			unusable.put(tenant.key(), now.unusable().get(tenant.key()));
		}
	}

	/** One whole state: the tenants served and retiring, their clients, and why any is out of service. */
	private record Served(Map<String, RunbookTenant> serving, Map<String, RunbookTenant> retiring,
			Map<String, TenantClients> clients, Map<String, String> unusable) {

		private Served {
			serving = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(serving));
			retiring = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(retiring));
			clients = Map.copyOf(clients);
			unusable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unusable));
		}

		RunbookTenant lookup(String key) {
			RunbookTenant tenant = this.serving.get(key);
			return (tenant != null) ? tenant : this.retiring.get(key);
		}

		List<RunbookTenant> all() {
			return List.copyOf(this.serving.values());
		}

		List<RunbookTenant> every() {
			List<RunbookTenant> every = new ArrayList<>(this.serving.values());
			every.addAll(this.retiring.values());
			return every;
		}

	}

}
