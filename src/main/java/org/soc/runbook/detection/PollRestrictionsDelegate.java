package org.soc.runbook.detection;

import org.slf4j.MDC;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantClients;
import org.soc.runbook.tenant.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.DefenderAlert;
import org.soc.runbook.escalation.Notifications;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.cases.CaseStarter.OpenedCase;
import org.soc.runbook.cases.KeptDecisions;
import org.soc.runbook.cases.KeptDecisions.KeptDecision;
import org.soc.runbook.cases.Text;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.exchange.InboundConnector;
import org.soc.runbook.tenant.graph.SecurityAlert;
import org.soc.runbook.tenant.TenantException;
import org.soc.runbook.tenant.TenantThrottledException;

import org.springframework.stereotype.Component;

/**
 * {@code Task_PollRestrictions} of {@code restriction-detection}: reads the blocked senders and blocked connectors
 * (every page) and opens a case for each entity without an open one. Each run leaves in history how many it saw,
 * started and skipped. A tenant failure is recorded and the run ends: the next run is the retry, so a bad hour at
 * Microsoft does not pile up incidents.
 */
@Component
class PollRestrictionsDelegate implements JavaDelegate {

	static final String SENDERS_SEEN = "sendersSeen";

	static final String CONNECTORS_SEEN = "connectorsSeen";

	static final String CASES_STARTED = "casesStarted";

	static final String ALREADY_OPEN = "alreadyOpen";

	static final String SKIPPED = "skipped";

	/** Entities still listed whose last case kept them restricted: not reopened (see {@link #standing}). */
	static final String KEPT_RESTRICTED = "keptRestricted";

	static final String POLL_ERROR = "pollError";

	/** The key of the tenant one instance of the poll reads (the multi-instance's element variable). */
	static final String POLLED_TENANT = "polledTenant";

	static final String ALERTS_SEEN = "alertsSeen";

	static final String ALERT_CASES_STARTED = "alertCasesStarted";

	static final String ALERTS_ERROR = "alertsError";

	/** The Defender alert policy that means an inbound connector was restricted. */
	static final String CONNECTOR_ALERT = "Suspicious connector activity";

	/** The default Defender alert policies that mean a mailbox or a connector was restricted. */
	static final List<String> ALERT_TITLES = List.of("User restricted from sending email", CONNECTOR_ALERT);

	private static final Logger LOG = LoggerFactory.getLogger(PollRestrictionsDelegate.class);

	/**
	 * The logging context's key for the tenant a line is about: the JSON log lines carry it (the poll's own lines
	 * also name the tenant in their text, for the plain pattern).
	 */
	private static final String TENANT_LOG_KEY = "tenant";

	private final RunbookTenants tenants;

	private final CaseStarter starter;

	private final DetectionProperties properties;

	private final KeptDecisions decisions;

	private final Notifications notifications;

	PollRestrictionsDelegate(RunbookTenants tenants, CaseStarter starter, 
			DetectionProperties properties, KeptDecisions decisions, Notifications notifications) {
		this.notifications = notifications;
		this.tenants = tenants;
		this.starter = starter;
		this.properties = properties;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Object polled = execution.getVariable(POLLED_TENANT);
		// Served now: a tenant removed from the tenants file since the poll began retires and opens no new case.
		RunbookTenant tenant = (polled instanceof String key) ? this.tenants.served(key).orElse(null)
				: this.tenants.tenant(null);
		if (tenant == null) {
			LOG.warn("Poll of tenant {} skipped: it is no longer served", polled);
			return;
		}
		// Each tenant is polled as its own job with its own figures: one customer's failure is that customer's.
		MDC.put(TENANT_LOG_KEY, tenant.key());
		try {
			poll(execution, tenant);
		}
		finally {
			MDC.remove(TENANT_LOG_KEY);
		}
	}

	private void poll(DelegateExecution execution, RunbookTenant tenant) {
		List<BlockedSender> senders;
		List<BlockedConnector> connectors;
		ExchangeOnlineClient exchange;
		try {
			exchange = this.tenants.clientsOf(tenant).exchange();
			senders = exchange.getBlockedSenderAddresses();
			connectors = exchange.getBlockedConnectors();
		}
		catch (TenantException | Tenants.UnknownTenantException ex) {
			if (ex instanceof TenantException failed && heldBack(failed, tenant, "The blocked lists")) {
				return;
			}
			LOG.warn("Poll of the blocked lists of tenant {} failed; the next run tries again: {}", tenant.key(),
					ex.getMessage());
			execution.setVariableLocal(POLL_ERROR, Text.line(ex.getMessage(), 500));
			return;
		}
		int started = 0;
		int alreadyOpen = 0;
		int skipped = 0;
		int kept = 0;
		// Most of a long list is entities whose cases run: they are counted, not claimed again one by one. The
		// decisions that keep the others restricted are read at once too.
		Set<String> running = this.starter.entitiesWithARunningCase();
		List<String> waiting = notRunning(tenant, senders, connectors, running);
		Map<String, KeptDecision> standing = new HashMap<>(this.decisions.standing(waiting));
		if (this.tenants.formerSingle().filter(tenant::equals).isPresent()) {
			// The decisions of the single-tenant days stand under the keys without the tenant's prefix.
			List<String> former = waiting.stream().map((key) -> key.substring(key.indexOf('/') + 1)).toList();
			this.decisions.standing(former)
				.forEach((key, decision) -> standing.putIfAbsent(tenant.businessKey(key), decision));
		}
		for (BlockedSender sender : senders) {
			try {
				String key = CaseStarter.mailboxKey(tenant, sender.senderAddress());
				if (running.contains(key)) {
					alreadyOpen++;
					continue;
				}
				Opening opening = opening(key, sender.createdDatetime(), standing);
				if (opening == null) {
					kept++;
					continue;
				}
				if (open(tenant, EntityType.MAILBOX, sender.senderAddress(), opening).started()) {
					started++;
				}
				else {
					alreadyOpen++;
				}
			}
			catch (IllegalArgumentException invalid) {
				LOG.warn("Blocked sender skipped, not an address: {}", Text.line(invalid.getMessage(), 200));
				skipped++;
			}
		}
		for (BlockedConnector connector : connectors) {
			if (connector.connectorId() == null) {
				// Listed without a readable GUID: nothing to start a case for; counted and said.
				LOG.warn("Blocked connector skipped, no GUID: {}", Text.line(connector.connectorName(), 200));
				skipped++;
				continue;
			}
			String key = tenant.businessKey(EntityType.CONNECTOR.businessKey(connector.connectorId().toString()));
			if (running.contains(key)) {
				alreadyOpen++;
				continue;
			}
			Opening opening = opening(key, connector.createdTime(), standing);
			if (opening == null) {
				kept++;
				continue;
			}
			if (open(tenant, EntityType.CONNECTOR, connector.connectorId().toString(), opening).started()) {
				started++;
			}
			else {
				alreadyOpen++;
			}
		}
		execution.setVariableLocal(SENDERS_SEEN, senders.size());
		execution.setVariableLocal(CONNECTORS_SEEN, connectors.size());
		execution.setVariableLocal(CASES_STARTED, started);
		execution.setVariableLocal(ALREADY_OPEN, alreadyOpen);
		execution.setVariableLocal(SKIPPED, skipped);
		execution.setVariableLocal(KEPT_RESTRICTED, kept);
		if (this.properties.alertsEnabled()) {
			pollAlerts(execution, tenant);
		}
		if (started > 0) {
			LOG.info("Poll of tenant " + tenant.key() + ": {} blocked sender(s), {} connector(s); {} case(s) started, {} already open, {} skipped, "
					+ "{} kept restricted by an earlier decision", senders.size(), connectors.size(), started,
					alreadyOpen, skipped, kept);
		}
		else {
			LOG.debug("Poll of tenant " + tenant.key() + ": {} blocked sender(s), {} connector(s); nothing new", senders.size(), connectors.size());
		}
	}

	/**
	 * Whether a listed entity gets a case, and how: a new case ({@code poller}); one that says the entity was
	 * restricted again after a decision to keep it restricted; a review of that decision (no second containment) once
	 * it is older than the re-review period; or null while the decision stands, Microsoft keeping the same
	 * restriction: the next poll must not undo it (reset the password again, put a new review in the queue). Such a
	 * poll is noted on the decided case. A new alert, the intake and a person asking through {@code /api/cases} open a
	 * case whatever the decision.
	 */
	private Opening opening(String businessKey, Instant listedSince, Map<String, KeptDecision> standing) {
		KeptDecision decision = standing.get(businessKey);
		if (decision == null) {
			return new Opening("poller", null);
		}
		if (listedSince != null && listedSince.isAfter(decision.decidedAt())) {
			return new Opening("poller: restricted again since " + listedSince + ", after it was kept restricted on "
					+ decision.decidedAt(), null);
		}
		// The engine's clock, as the decision's time is.
		Instant now = ClockUtil.getCurrentTime().toInstant();
		if (decision.decidedAt().isBefore(now.minus(this.properties.reReviewAfter()))) {
			return new Opening("poller: re-review of the decision of " + decision.decidedAt()
					+ " to keep it restricted", decision);
		}
		this.decisions.noteStands(decision, now);
		return null;
	}

	private OpenedCase open(RunbookTenant tenant, EntityType type, String entityId, Opening opening) {
		if (opening.reReview() != null) {
			return this.starter.openReReview(tenant, type, entityId, opening.reReview(), opening.source(),
					ProcessKeys.DETECTION);
		}
		return (type == EntityType.CONNECTOR)
				? this.starter.openConnectorCase(tenant, entityId, opening.source(), ProcessKeys.DETECTION)
				: this.starter.openMailboxCase(tenant, entityId, opening.source(), ProcessKeys.DETECTION);
	}

	/** The business keys of the listed entities without a running case (an address that is none left out). */
	private static List<String> notRunning(RunbookTenant tenant, List<BlockedSender> senders, List<BlockedConnector> connectors,
			Set<String> running) {
		List<String> keys = new ArrayList<>();
		for (BlockedSender sender : senders) {
			try {
				keys.add(CaseStarter.mailboxKey(tenant, sender.senderAddress()));
			}
			catch (IllegalArgumentException invalid) {
				// Counted as skipped where the list is walked.
			}
		}
		for (BlockedConnector connector : connectors) {
			if (connector.connectorId() != null) {
				keys.add(tenant.businessKey(EntityType.CONNECTOR.businessKey(connector.connectorId().toString())));
			}
		}
		keys.removeIf(running::contains);
		return keys;
	}

	/** What opens a case for a listed entity: its source, and the decision it reviews when it is a re-review. */
	private record Opening(String source, KeptDecision reReview) {
	}

	/**
	 * The second signal: Defender alerts about restricted users and suspicious connectors. A user alert opens a case
	 * for each mailbox it names; a connector alert names the connector's domain and IP address, which are matched
	 * against the inbound connectors ({@link ConnectorAlertMatch}), and opens a case for the connector it names. The
	 * alert's id is the case's source. An alert older than a case of the same entity that has since closed was handled
	 * by that case and opens nothing. A refusal (licence, permission) or an outage is recorded; the blocked list stays
	 * the first signal.
	 */
	/**
	 * True, with one INFO line, when a read was held back by the runbook's own flow control (the tenant's budget goes
	 * to containment calls, or its threads wait for it): not a failure to record, the next poll reads it.
	 */
	private static boolean heldBack(TenantException ex, RunbookTenant tenant, String what) {
		if (ex instanceof TenantThrottledException throttled && throttled.yielded()) {
			LOG.info("{} of tenant {} held back while its calls wait for Microsoft's budget; the next poll reads them",
					what, tenant.key());
			return true;
		}
		return false;
	}

	private void pollAlerts(DelegateExecution execution, RunbookTenant tenant) {
		TenantClients clients = this.tenants.clientsOf(tenant);
		List<SecurityAlert> alerts;
		try {
			alerts = clients.graph().listAlerts(Instant.now().minus(this.properties.alertsLookback()), ALERT_TITLES);
		}
		catch (TenantException ex) {
			if (!heldBack(ex, tenant, "The alerts")) {
				execution.setVariableLocal(ALERTS_ERROR, Text.line(ex.getMessage(), 500));
			}
			return;
		}
		HistoryService history = execution.getProcessEngineServices().getHistoryService();
		int started = 0;
		List<InboundConnector> connectors = null;
		for (SecurityAlert alert : alerts) {
			if (CONNECTOR_ALERT.equalsIgnoreCase(alert.title())) {
				if (connectors == null) {
					try {
						connectors = clients.exchange().listInboundConnectors();
					}
					catch (TenantException ex) {
						if (!heldBack(ex, tenant, "The inbound connectors")) {
							execution.setVariableLocal(ALERTS_ERROR,
									Text.line("Inbound connectors: " + ex.getMessage(), 500));
						}
						connectors = List.of();
					}
				}
				started += openConnectorCases(tenant, history, alert, connectors);
				continue;
			}
			for (String mailbox : alert.mailboxes()) {
				try {
					if (handledAfter(history, tenant, mailbox, alert.createdDateTime())) {
						continue;
					}
					if (openOrJoin(tenant, EntityType.MAILBOX, mailbox, alert)) {
						started++;
					}
				}
				catch (IllegalArgumentException invalid) {
					LOG.warn("Alert {} names no usable address", Text.line(alert.id(), 100));
				}
			}
		}
		execution.setVariableLocal(ALERTS_SEEN, alerts.size());
		execution.setVariableLocal(ALERT_CASES_STARTED, started);
	}

	/** Opens a case for each connector the alert names; says so when it names none. */
	private int openConnectorCases(RunbookTenant tenant, HistoryService history, SecurityAlert alert, List<InboundConnector> connectors) {
		List<InboundConnector> named = ConnectorAlertMatch.named(alert.connector(), connectors);
		if (named.isEmpty()) {
			LOG.warn("Alert {} ({}) names no inbound connector: it says {}", Text.line(alert.id(), 100),
					CONNECTOR_ALERT, Text.line(alert.connector().toString(), 300));
			return 0;
		}
		int started = 0;
		for (InboundConnector connector : named) {
			try {
				String key = tenant.businessKey(
						EntityType.CONNECTOR.businessKey(CaseStarter.normalizeConnectorId(connector.guid())));
				if (handledAfter(history, ProcessKeys.CONNECTOR_RUNBOOK, key, alert.createdDateTime())) {
					continue;
				}
				if (openOrJoin(tenant, EntityType.CONNECTOR, connector.guid(), alert)) {
					started++;
				}
			}
			catch (IllegalArgumentException invalid) {
				LOG.warn("Alert {} names connector {} without a usable GUID", Text.line(alert.id(), 100),
						Text.line(connector.identity(), 200));
			}
		}
		return started;
	}

	/**
	 * Opens the entity's case from the alert, or has the alert join the case already open for it, which then reports
	 * its outcome on this alert too; the alert says so at once. True when a case was opened.
	 */
	private boolean openOrJoin(RunbookTenant tenant, EntityType type, String entityId, SecurityAlert alert) {
		DefenderAlert defender = defenderAlert(alert);
		CaseStarter.OpenedCase opened = this.starter.openFromAlert(tenant, type, entityId, defender, ProcessKeys.DETECTION);
		if (!opened.started() && this.starter.joinAlert(opened, defender)) {
			LOG.info("Alert {} joined the open case {}", Text.line(alert.id(), 100), opened.businessKey());
			this.notifications.alertJoinedOpenCase(opened.businessKey(), alert.id(), type);
		}
		return opened.started();
	}

	/** The alert as its case keeps it: ids and the portal's links. */
	private static DefenderAlert defenderAlert(SecurityAlert alert) {
		return new DefenderAlert(alert.id(), alert.alertWebUrl(), alert.incidentId(), alert.incidentWebUrl());
	}

	private static boolean handledAfter(HistoryService history, RunbookTenant tenant, String mailbox,
			Instant alertCreated) {
		return handledAfter(history, ProcessKeys.MAILBOX_RUNBOOK, CaseStarter.mailboxKey(tenant, mailbox),
				alertCreated);
	}

	private static boolean handledAfter(HistoryService history, String processKey, String businessKey,
			Instant alertCreated) {
		if (alertCreated == null) {
			return false;
		}
		return history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(processKey)
			.processInstanceBusinessKey(businessKey)
			.finished()
			.finishedAfter(Date.from(alertCreated))
			.count() > 0;
	}

}
