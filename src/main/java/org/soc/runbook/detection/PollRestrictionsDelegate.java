package org.soc.runbook.detection;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.cases.CaseStarter;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.cases.KeptDecisions;
import org.soc.runbook.cases.Text;
import org.soc.runbook.tenant.exchange.BlockedConnector;
import org.soc.runbook.tenant.exchange.BlockedSender;
import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;
import org.soc.runbook.tenant.graph.SecurityAlert;
import org.soc.runbook.tenant.TenantException;

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

	static final String ALERTS_SEEN = "alertsSeen";

	static final String ALERT_CASES_STARTED = "alertCasesStarted";

	static final String ALERTS_ERROR = "alertsError";

	/** The default Defender alert policies that mean a mailbox or a connector was restricted. */
	static final List<String> ALERT_TITLES = List.of("User restricted from sending email", "Suspicious connector activity");

	private static final Logger LOG = LoggerFactory.getLogger(PollRestrictionsDelegate.class);

	private final ExchangeOnlineClient exchange;

	private final CaseStarter starter;

	private final GraphClient graph;

	private final DetectionProperties properties;

	private final KeptDecisions decisions;

	PollRestrictionsDelegate(ExchangeOnlineClient exchange, CaseStarter starter, GraphClient graph,
			DetectionProperties properties, KeptDecisions decisions) {
		this.exchange = exchange;
		this.starter = starter;
		this.graph = graph;
		this.properties = properties;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<BlockedSender> senders;
		List<BlockedConnector> connectors;
		try {
			senders = this.exchange.getBlockedSenderAddresses();
			connectors = this.exchange.getBlockedConnectors();
		}
		catch (TenantException ex) {
			LOG.warn("Poll of the blocked lists failed; the next run tries again: {}", ex.getMessage());
			execution.setVariable(POLL_ERROR, Text.line(ex.getMessage(), 500));
			return;
		}
		int started = 0;
		int alreadyOpen = 0;
		int skipped = 0;
		int kept = 0;
		for (BlockedSender sender : senders) {
			try {
				String source = standing(CaseStarter.mailboxKey(sender.senderAddress()), sender.createdDatetime());
				if (source == null) {
					kept++;
					continue;
				}
				if (this.starter.openMailboxCase(sender.senderAddress(), source, ProcessKeys.DETECTION).started()) {
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
			String source = standing(EntityType.CONNECTOR.businessKey(connector.connectorId().toString()),
					connector.createdTime());
			if (source == null) {
				kept++;
				continue;
			}
			if (this.starter.openConnectorCase(connector.connectorId().toString(), source, ProcessKeys.DETECTION)
				.started()) {
				started++;
			}
			else {
				alreadyOpen++;
			}
		}
		execution.setVariable(SENDERS_SEEN, senders.size());
		execution.setVariable(CONNECTORS_SEEN, connectors.size());
		execution.setVariable(CASES_STARTED, started);
		execution.setVariable(ALREADY_OPEN, alreadyOpen);
		execution.setVariable(SKIPPED, skipped);
		execution.setVariable(KEPT_RESTRICTED, kept);
		if (this.properties.alertsEnabled()) {
			pollAlerts(execution);
		}
		if (started > 0) {
			LOG.info("Poll: {} blocked sender(s), {} connector(s); {} case(s) started, {} already open, {} skipped, "
					+ "{} kept restricted by an earlier decision", senders.size(), connectors.size(), started,
					alreadyOpen, skipped, kept);
		}
		else {
			LOG.debug("Poll: {} blocked sender(s), {} connector(s); nothing new", senders.size(), connectors.size());
		}
	}

	/**
	 * Whether a listed entity gets a case, and what opened it: {@code poller}, or the reason a decision to keep it
	 * restricted no longer stands (it was restricted again after the decision, or the decision is older than the
	 * re-review period); null while the decision stands, Microsoft keeping the same restriction: the next poll must
	 * not undo it (reset the password again, put a new review in the queue). A new alert, the intake and a person
	 * asking through {@code /api/cases} open a case whatever the decision.
	 */
	private String standing(String businessKey, Instant listedSince) {
		Optional<Instant> keptAt = this.decisions.keptAt(businessKey);
		if (keptAt.isEmpty()) {
			return "poller";
		}
		if (listedSince != null && listedSince.isAfter(keptAt.get())) {
			return "poller: restricted again since " + listedSince + ", after it was kept restricted on "
					+ keptAt.get();
		}
		// The engine's clock, as the decision's time is.
		Instant now = ClockUtil.getCurrentTime().toInstant();
		if (keptAt.get().isBefore(now.minus(this.properties.reReviewAfter()))) {
			return "poller: re-review of the decision of " + keptAt.get() + " to keep it restricted";
		}
		return null;
	}

	/**
	 * The second signal: Defender alerts about restricted users. An alert older than a case of the same mailbox that
	 * has since closed was handled by that case and opens nothing. A refusal (licence, permission) or an outage is
	 * recorded; the blocked list stays the first signal.
	 */
	private void pollAlerts(DelegateExecution execution) {
		List<SecurityAlert> alerts;
		try {
			alerts = this.graph.listAlerts(Instant.now().minus(this.properties.alertsLookback()), ALERT_TITLES);
		}
		catch (TenantException ex) {
			execution.setVariable(ALERTS_ERROR, Text.line(ex.getMessage(), 500));
			return;
		}
		HistoryService history = execution.getProcessEngineServices().getHistoryService();
		int started = 0;
		for (SecurityAlert alert : alerts) {
			for (String mailbox : alert.mailboxes()) {
				try {
					if (handledAfter(history, mailbox, alert.createdDateTime())) {
						continue;
					}
					if (this.starter.openMailboxCase(mailbox, "alert:" + Text.line(alert.id(), 100), ProcessKeys.DETECTION)
						.started()) {
						started++;
					}
				}
				catch (IllegalArgumentException invalid) {
					LOG.warn("Alert {} names no usable address", Text.line(alert.id(), 100));
				}
			}
		}
		execution.setVariable(ALERTS_SEEN, alerts.size());
		execution.setVariable(ALERT_CASES_STARTED, started);
	}

	private static boolean handledAfter(HistoryService history, String mailbox, Instant alertCreated) {
		if (alertCreated == null) {
			return false;
		}
		return history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.MAILBOX_RUNBOOK)
			.processInstanceBusinessKey(CaseStarter.mailboxKey(mailbox))
			.finished()
			.finishedAfter(Date.from(alertCreated))
			.count() > 0;
	}

}
