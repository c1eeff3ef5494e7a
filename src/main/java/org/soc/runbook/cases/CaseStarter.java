package org.soc.runbook.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;

import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens a case for a restricted mailbox or connector, whoever detected it (the poller, the intake, a person, a
 * connector review): one open case per entity and tenant, business key {@code mailbox:<address>} or
 * {@code connector:<guid>} (after {@code <tenant>/} in a deployment of many tenants),
 * guaranteed by {@link OpenCaseRegistry}'s key rather than by looking first. The claim and the process start share
 * one transaction. An entity restricted again soon after a closed case is marked as a repeat. This is the only way a
 * case opens: no person may start the runbook's processes (neither Camunda's authorizations nor the case integrity
 * guard let them), so the start runs as the runbook, while the history still names who asked.
 */
@Service
public class CaseStarter {

	/** A GUID as Exchange prints it: 8-4-4-4-12 hexadecimal digits, braces tolerated. */
	private static final Pattern GUID = Pattern
		.compile("^\\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}?$");

	/** A practical address check: local part, one {@code @}, a domain of dot-separated labels. */
	private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
			+ "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

	private final RuntimeService runtimeService;

	private final HistoryService historyService;

	private final OpenCaseRegistry registry;

	private final TransactionTemplate transaction;

	private final CaseProperties properties;

	private final CommandExecutor engine;

	private final KeptDecisions decisions;

	private final RunbookTenants tenants;

	CaseStarter(RuntimeService runtimeService, HistoryService historyService, OpenCaseRegistry registry,
			PlatformTransactionManager transactions, CaseProperties properties, ProcessEngine processEngine,
			KeptDecisions decisions, RunbookTenants tenants) {
		this.tenants = tenants;
		this.decisions = decisions;
		this.engine = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
		this.runtimeService = runtimeService;
		this.historyService = historyService;
		this.registry = registry;
		this.transaction = new TransactionTemplate(transactions);
		this.properties = properties;
	}

	/** The address in lower case, or an {@link IllegalArgumentException} saying what is wrong with it. */
	public static String normalizeAddress(String address) {
		if (address == null || address.isBlank()) {
			throw new IllegalArgumentException("address is required");
		}
		String trimmed = address.trim();
		if (trimmed.length() > 254) {
			throw new IllegalArgumentException("address is longer than 254 characters");
		}
		if (!ADDRESS.matcher(trimmed).matches()) {
			throw new IllegalArgumentException("address is not an e-mail address (expected name@domain.tld)");
		}
		return trimmed.toLowerCase(Locale.ROOT);
	}

	/** The connector GUID in lower case without braces, or an {@link IllegalArgumentException} saying why not. */
	public static String normalizeConnectorId(String connectorId) {
		if (connectorId == null || connectorId.isBlank()) {
			throw new IllegalArgumentException("connectorId is required");
		}
		String trimmed = connectorId.trim();
		if (!GUID.matcher(trimmed).matches()) {
			throw new IllegalArgumentException(
					"connectorId is not a GUID (expected 8-4-4-4-12 hexadecimal digits, as Get-BlockedConnector prints)");
		}
		return trimmed.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * The business keys of the entities that have a running case now, read at once: a poller that meets them again
	 * skips them without a claim each. A case may end or start right after; the poller's next run sees it.
	 */
	public Set<String> entitiesWithARunningCase() {
		Set<String> held = this.registry.heldByRunningCases();
		Optional<RunbookTenant> former = this.tenants.formerSingle();
		if (former.isEmpty()) {
			return held;
		}
		// A case from the single-tenant days holds its entity for the customer it was about.
		Set<String> both = new HashSet<>(held);
		held.stream().filter((key) -> RunbookTenant.camundaTenantOf(key) == null)
			.forEach((key) -> both.add(former.get().businessKey(key)));
		return both;
	}

	/** The business key of the mailbox's case in the tenant. */
	public static String mailboxKey(RunbookTenant tenant, String address) {
		return tenant.businessKey(EntityType.MAILBOX.businessKey(normalizeAddress(address)));
	}

	/**
	 * The open case for the entity a request names, or a new one: {@code type} {@code mailbox} with an
	 * {@code address}, or {@code connector} with a {@code connectorId}. Both the intake and {@code POST /api/cases}
	 * take requests of this shape. A wrong or missing value is an {@link InvalidCaseRequest} naming the field.
	 */
	public OpenedCase openCase(RunbookTenant tenant, Object type, Object address, Object connectorId, String source,
			String startedBy) {
		return openCase(tenant, type, address, connectorId, null, source, startedBy);
	}

	/**
	 * As {@link #openCase(Object, Object, Object, String, String)}, asking for a dry run ({@code dryRun} true: nothing
	 * is changed in the tenant) when the deployment does not already run every case dry. A new case only: an open
	 * case stays as it was opened.
	 */
	public OpenedCase openCase(RunbookTenant tenant, Object type, Object address, Object connectorId, Object dryRun,
			String source, String startedBy) {
		if (dryRun != null && !(dryRun instanceof Boolean)) {
			throw new InvalidCaseRequest("dryRun", "dryRun must be true or false");
		}
		boolean dry = Boolean.TRUE.equals(dryRun);
		EntityType entityType = Arrays.stream(EntityType.values())
			.filter((known) -> known.value().equals(type))
			.findFirst()
			.orElseThrow(() -> new InvalidCaseRequest("type", "type must be \"mailbox\" or \"connector\""));
		boolean connector = entityType == EntityType.CONNECTOR;
		String field = connector ? "connectorId" : "address";
		if (!((connector ? connectorId : address) instanceof String entity)) {
			throw new InvalidCaseRequest(field, field + " is required and must be a string");
		}
		try {
			return connector ? openConnectorCase(tenant, entity, dry, source, startedBy)
					: openMailboxCase(tenant, entity, dry, source, startedBy);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCaseRequest(field, ex.getMessage());
		}
	}

	/** The open case for the mailbox, or a new one. */
	public OpenedCase openMailboxCase(RunbookTenant tenant, String address, String source, String startedBy) {
		return openMailboxCase(tenant, address, false, source, startedBy);
	}

	/** The open case for the mailbox, or a new one, a dry run when asked (or when the deployment runs dry). */
	public OpenedCase openMailboxCase(RunbookTenant tenant, String address, boolean dryRun, String source,
			String startedBy) {
		return openAtOnce(tenant, EntityType.MAILBOX, normalizeAddress(address), source, startedBy,
				Map.of(CaseVariables.DRY_RUN, dryRun));
	}

	/** The open case for the inbound connector, or a new one. */
	public OpenedCase openConnectorCase(RunbookTenant tenant, String connectorId, String source, String startedBy) {
		return openConnectorCase(tenant, connectorId, false, source, startedBy);
	}

	/** The open case for the connector, or a new one, a dry run when asked (or when the deployment runs dry). */
	public OpenedCase openConnectorCase(RunbookTenant tenant, String connectorId, boolean dryRun, String source,
			String startedBy) {
		return openAtOnce(tenant, EntityType.CONNECTOR, normalizeConnectorId(connectorId), source, startedBy,
				Map.of(CaseVariables.DRY_RUN, dryRun));
	}

	/**
	 * The open case for the entity a Defender alert names, or a new one that keeps the alert (its id as the source,
	 * its ids and links as variables), so that the outcome can be reported back to it.
	 */
	public OpenedCase openFromAlert(RunbookTenant tenant, EntityType entityType, String entityId, DefenderAlert alert, String startedBy) {
		String id = (entityType == EntityType.CONNECTOR) ? normalizeConnectorId(entityId) : normalizeAddress(entityId);
		Map<String, Object> extra = new HashMap<>(alert.variables());
		extra.put(CaseVariables.DRY_RUN, false);
		return openAtOnce(tenant, entityType, id, "alert:" + Text.line(alert.alertId(), 100), startedBy, extra);
	}

	/**
	 * A Defender alert about an entity whose case is already open joins that case, so that the case's outcome is
	 * reported on it as well: it becomes the case's alert when the case has none (opened by the poller, say), and one
	 * of its linked alerts otherwise. True when the alert joined now; false when it had already.
	 */
	public boolean joinAlert(OpenedCase open, DefenderAlert alert) {
		return this.transaction.execute((status) -> this.engine.execute((context) -> context.runWithoutAuthorization(
				() -> {
					Map<String, Object> variables = this.runtimeService.getVariables(open.id(),
							List.of(CaseVariables.DEFENDER_ALERT_ID, CaseVariables.DEFENDER_LINKED_ALERTS));
					List<String> ids = DefenderAlert.ids(variables.get(CaseVariables.DEFENDER_ALERT_ID),
							variables.get(CaseVariables.DEFENDER_LINKED_ALERTS));
					String id = Text.line(alert.alertId(), 500);
					if (ids.contains(id)) {
						return false;
					}
					if (ids.isEmpty()) {
						this.runtimeService.setVariables(open.id(), alert.variables());
					}
					else {
						List<String> linked = new ArrayList<>(ids.subList(1, ids.size()));
						linked.add(id);
						this.runtimeService.setVariable(open.id(), CaseVariables.DEFENDER_LINKED_ALERTS,
								String.join(",", linked));
					}
					return true;
				})));
	}

	/**
	 * A case that looks again at a decision to keep the entity restricted, once the re-review period has passed: its
	 * form shows the decision, and the account is not contained a second time (it was when the decision was made).
	 */
	public OpenedCase openReReview(RunbookTenant tenant, EntityType entityType, String entityId, KeptDecisions.KeptDecision decision, String source,
			String startedBy) {
		String id = (entityType == EntityType.CONNECTOR) ? normalizeConnectorId(entityId) : normalizeAddress(entityId);
		return openAtOnce(tenant, entityType, id, source, startedBy, Map.of(CaseVariables.EARLIER_DECISION, decision.summary(),
				CaseVariables.EARLIER_CASE, decision.caseId(), CaseVariables.DRY_RUN, false));
	}

	/**
	 * The open case for the mailbox of an administrator who changed a connector, or a new one that knows which
	 * connector case asked for it.
	 */
	public OpenedCase openAdminMailboxCase(RunbookTenant tenant, String address, String connectorCaseKey, boolean dryRun,
			String startedBy) {
		return openAtOnce(tenant, EntityType.MAILBOX, normalizeAddress(address), "connector review " + connectorCaseKey,
				startedBy, Map.of(CaseVariables.RELATED_CASE, connectorCaseKey, CaseVariables.DRY_RUN, dryRun));
	}

	/** Claims the entity and starts its case in one transaction (the caller's, when it has one): both stand or neither. */
	private OpenedCase openAtOnce(RunbookTenant tenant, EntityType entityType, String entityId, String source,
			String startedBy, Map<String, Object> extra) {
		return this.transaction.execute((status) -> open(tenant, entityType, entityId, source, startedBy, extra));
	}

	private OpenedCase open(RunbookTenant tenant, EntityType entityType, String entityId, String source,
			String startedBy, Map<String, Object> extra) {
		String businessKey = tenant.businessKey(entityType.businessKey(entityId));
		if (this.tenants.formerSingle().filter(tenant::equals).isPresent()) {
			// The entity's case may still be one from the single-tenant days, under the key without the prefix.
			String formerKey = entityType.businessKey(entityId);
			String holder = this.registry.holder(formerKey);
			if (holder != null && running(holder)) {
				return new OpenedCase(holder, formerKey, false);
			}
		}
		for (int attempt = 0; attempt < 2; attempt++) {
			if (this.registry.claim(businessKey)) {
				ProcessInstance started = start(tenant, entityType, businessKey, entityId, source, startedBy,
						extra);
				this.registry.attach(businessKey, started.getId());
				// Whoever opened it (the poller, an alert, the intake, a person), a decision it looks at again says so.
				this.decisions.standing(businessKey)
					.ifPresent((decision) -> this.decisions.noteReopened(decision, started.getId(),
							ClockUtil.getCurrentTime().toInstant(), source));
				return new OpenedCase(started.getId(), businessKey, true);
			}
			String holder = this.registry.holder(businessKey);
			if (holder != null && this.registry.claimedInThisTransaction(businessKey)) {
				return new OpenedCase(holder, businessKey, false);
			}
			if (holder != null && running(holder)) {
				return new OpenedCase(holder, businessKey, false);
			}
			// The holder is gone (deleted without its end listener): free the stale claim and claim again.
			this.registry.releaseStale(businessKey, holder);
		}
		throw new IllegalStateException("A case for " + businessKey + " is being opened elsewhere; try again.");
	}

	/**
	 * Whether the holder still runs, as the engine sees it: a caller who may not read it (another tenant's, an
	 * authorization) must not take a running case for a stale claim.
	 */
	private boolean running(String holder) {
		return this.engine.execute((context) -> context.runWithoutAuthorization(
				() -> this.runtimeService.createProcessInstanceQuery().processInstanceId(holder).count())) > 0;
	}

	private ProcessInstance start(RunbookTenant tenant, EntityType entityType, String businessKey, String entityId, String source,
			String startedBy, Map<String, Object> extra) {
		String processKey = entityType.processKey();
		Date since = Date.from(Instant.now().minus(this.properties.repeatWindow()));
		long recent = this.historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey(processKey)
			.processInstanceBusinessKey(businessKey)
			.finished()
			.finishedAfter(since)
			.count();
		Map<String, Object> variables = Variables.createVariables()
			.putValue(CaseVariables.ENTITY_TYPE, entityType.value())
			.putValue(CaseVariables.ENTITY_ID, entityId)
			.putValue(CaseVariables.SOURCE, source)
			.putValue(CaseVariables.STARTED_BY, startedBy)
			.putValue(CaseVariables.REPEAT, recent > 0)
			.putValue(CaseVariables.RECENT_CASES, recent);
		variables.putAll(extra);
		if (tenant.camundaTenantId() != null) {
			variables.put(CaseVariables.TENANT, tenant.camundaTenantId());
		}
		// A customer still in dry run gets dry cases only, whatever the request asked.
		boolean dryRun = this.properties.dryRun() || tenant.dryRun()
				|| Boolean.TRUE.equals(extra.get(CaseVariables.DRY_RUN));
		variables.put(CaseVariables.DRY_RUN, dryRun);
		variables.put(CaseVariables.RUN_MODE, dryRun ? DryRun.NOTICE
				: (entityType == EntityType.CONNECTOR) ? DryRun.LIVE_CONNECTOR : DryRun.LIVE);
		// The runbook's own command: the start inside it is the runbook's step, not the signed-in person's request.
		return this.engine.execute((context) -> context.runWithoutAuthorization(() -> this.runtimeService
			.createProcessInstanceByKey(processKey)
			.businessKey(businessKey)
			.setVariables(variables)
			.execute()));
	}

	/**
	 * A case as the API reports it.
	 *
	 * @param id the process instance id
	 * @param businessKey {@code mailbox:<address>} or {@code connector:<guid>}, after {@code <tenant>/} in a
	 * deployment of many tenants
	 * @param started true when this call started it, false when it was already open
	 */
	public record OpenedCase(String id, String businessKey, boolean started) {
	}

	/** A request to open a case that names its entity wrongly; {@link #field()} says which value is wrong. */
	public static final class InvalidCaseRequest extends IllegalArgumentException {

		private final String field;

		public InvalidCaseRequest(String field, String message) {
			super(message);
			this.field = field;
		}

		/** The request field that is wrong. */
		public String field() {
			return this.field;
		}

	}

}
