package org.soc.runbook.detection;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.cases.CaseStarter;
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

	PollRestrictionsDelegate(ExchangeOnlineClient exchange, CaseStarter starter, GraphClient graph,
			DetectionProperties properties) {
		this.exchange = exchange;
		this.starter = starter;
		this.graph = graph;
		this.properties = properties;
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
		for (BlockedSender sender : senders) {
			try {
				if (this.starter.openMailboxCase(sender.senderAddress(), "poller", ProcessKeys.DETECTION).started()) {
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
			if (this.starter.openConnectorCase(connector.connectorId().toString(), "poller", ProcessKeys.DETECTION)
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
		if (this.properties.alertsEnabled()) {
			pollAlerts(execution);
		}
		if (started > 0) {
			LOG.info("Poll: {} blocked sender(s), {} connector(s); {} case(s) started, {} already open, {} skipped",
					senders.size(), connectors.size(), started,
					alreadyOpen, skipped);
		}
		else {
			LOG.debug("Poll: {} blocked sender(s), {} connector(s); nothing new", senders.size(), connectors.size());
		}
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
