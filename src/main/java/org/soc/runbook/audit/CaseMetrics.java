package org.soc.runbook.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantsChange;
import org.soc.runbook.cases.EntityType;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cases in numbers, for Prometheus: opened and closed by type and outcome, open now, time from detection to the
 * unblock and to the verified release, escalations by reason. Counted when the engine's transaction commits, so a
 * step that fails and is retried is not counted twice; open cases are read from the case index at each scrape, so
 * every node reports the same figure.
 */
@Component
public class CaseMetrics {

	static final String OPENED = "runbook.cases.opened";

	static final String CLOSED = "runbook.cases.closed";

	static final String OPEN = "runbook.cases.open";

	static final String TO_RELEASE = "runbook.case.time.to.release";

	static final String TO_VERIFIED = "runbook.case.time.to.verified";

	static final String ESCALATIONS = "runbook.escalations";

	static final String TO_CONTAIN = "runbook.case.time.to.contain";

	private final MeterRegistry registry;

	private final JdbcTemplate jdbc;

	CaseMetrics(MeterRegistry registry, JdbcTemplate jdbc, RunbookTenants tenants) {
		this.registry = registry;
		this.jdbc = jdbc;
		tenants.all().forEach(this::gaugeOpen);
	}

	/**
	 * A tenant added to the tenants file has its gauge from now on. A removed one keeps its own until the node
	 * restarts: it reads 0 once its cases closed, and a series that ends mid-graph would look like lost data.
	 */
	@EventListener
	void tenantsChanged(TenantsChange change) {
		change.added().forEach(this::gaugeOpen);
	}

	private void gaugeOpen(RunbookTenant tenant) {
		// A customer's cases are those whose business key starts with its key; the single tenant's, all of them.
		String keys = (tenant.camundaTenantId() == null) ? "%" : tenant.key() + "/%";
		for (EntityType entityType : EntityType.values()) {
			String type = entityType.value();
			Gauge.builder(OPEN, () -> this.jdbc.queryForObject("SELECT COUNT(*) FROM runbook_case WHERE closed_at IS "
					+ "NULL AND case_type = ? AND business_key LIKE ?", Long.class, type, keys))
				.description("Cases open now, by tenant and type")
				.tag("tenant", tenant.key())
				.tag("type", type)
				.register(this.registry);
		}
	}

	/**
	 * The key of the tenant whose case the engine is working on now (every count is made inside one of its steps);
	 * the single tenant's outside a case or when the case has no Camunda tenant.
	 */
	private static String tenant() {
		BpmnExecutionContext running = Context.getBpmnExecutionContext();
		String tenant = (running != null && running.getExecution() != null) ? running.getExecution().getTenantId()
				: null;
		return (tenant != null) ? tenant : RunbookTenant.SINGLE;
	}

	void opened(String type) {
		String tenant = tenant();
		afterCommit(() -> Counter.builder(OPENED)
			.description("Cases opened, by tenant and type")
			.tag("tenant", tenant)
			.tag("type", type)
			.register(this.registry)
			.increment());
	}

	void closed(String type, String outcome, Instant opened, String unblockedAt, String releasedAt) {
		String tenant = tenant();
		afterCommit(() -> {
			Counter.builder(CLOSED)
				.description("Cases closed, by tenant, type and outcome")
				.tag("tenant", tenant)
				.tag("type", type)
				.tag("outcome", (outcome != null) ? outcome : "cancelled")
				.register(this.registry)
				.increment();
			since(opened, unblockedAt, TO_RELEASE, "Detection to the unblock request, by tenant and type", tenant, type);
			since(opened, releasedAt, TO_VERIFIED, "Detection to the release seen on the blocked list, by tenant and type",
					tenant, type);
		});
	}

	/**
	 * A mailbox contained (password reset, sessions revoked, MFA): how long the attacker kept it, from the restriction
	 * on Microsoft's list ({@code from=restriction}) and from the case's opening ({@code from=opening}).
	 */
	public void contained(Instant restricted, Instant opened, Instant contained) {
		String tenant = tenant();
		afterCommit(() -> {
			toContain(tenant, "restriction", restricted, contained);
			toContain(tenant, "opening", opened, contained);
		});
	}

	private void toContain(String tenant, String from, Instant since, Instant contained) {
		if (since == null) {
			return;
		}
		Duration took = Duration.between(since, contained);
		Timer.builder(TO_CONTAIN)
			.description("From the restriction on Microsoft's list (from=restriction) or the case's opening "
					+ "(from=opening) to the mailbox contained: password reset, sessions revoked, MFA")
			.tag("tenant", tenant)
			.tag("type", EntityType.MAILBOX.value())
			.tag("from", from)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(100))
			.maximumExpectedValue(Duration.ofDays(1))
			.register(this.registry)
			.record(took.isNegative() ? Duration.ZERO : took);
	}

	/** An escalation to the SOC leads; the reason is the notification event's key (a fixed set). */
	public void escalated(String reason) {
		String tenant = tenant();
		afterCommit(() -> Counter.builder(ESCALATIONS)
			.description("Escalations to the SOC leads, by tenant and reason")
			.tag("tenant", tenant)
			.tag("reason", reason)
			.register(this.registry)
			.increment());
	}

	private void since(Instant opened, String at, String name, String description, String tenant, String type) {
		if (opened == null || at == null) {
			return;
		}
		try {
			Duration took = Duration.between(opened, Instant.parse(at));
			Timer.builder(name)
				.description(description)
				.tag("tenant", tenant)
				.tag("type", type)
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofSeconds(1))
				.maximumExpectedValue(Duration.ofDays(3))
				.register(this.registry)
				.record(took.isNegative() ? Duration.ZERO : took);
		}
		catch (DateTimeParseException ex) {
			// Not a time the runbook wrote: nothing to measure.
		}
	}

	private static void afterCommit(Runnable count) {
		CommandContext command = Context.getCommandContext();
		if (command == null) {
			count.run();
			return;
		}
		command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, (context) -> count.run());
	}

}
