package org.soc.runbook.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.cases.ProcessKeys;
import org.soc.runbook.cases.CaseContext;
import org.soc.runbook.cases.EntityType;
import org.soc.runbook.cases.CaseVariables;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The case list's own index ({@code runbook_case}): one narrow row per case with exactly what the list filters and
 * sorts on. Camunda's history query had to count every case through its authorization joins and look each one's
 * outcome up among the variables, which took half a second over 50,000 closed cases (src/docs/performance.md); this
 * table answers the same filter in milliseconds, and the page's 20 cases are then read from the history as before.
 * <p>
 * Written by the case processes' start and end listeners, in the engine's transaction, so a case and its row commit
 * together. {@link #reconcile()} (at start-up and hourly) adds cases the index does not know (history from before
 * the index, instances of earlier process versions), closes rows whose case ended without the listener, and drops
 * rows whose history the cleanup removed.
 */
@Component("caseIndexListener")
class CaseIndex implements ExecutionListener, SchedulingConfigurer {

	private static final Logger LOG = LoggerFactory.getLogger(CaseIndex.class);

	/** The cases of no Camunda tenant: their business keys begin with the entity type. */
	private static final String WITHOUT_TENANT = "(business_key LIKE 'mailbox:%' OR business_key LIKE 'connector:%')";

	private static final String CASE_KEYS = "'" + ProcessKeys.MAILBOX_RUNBOOK + "', '" + ProcessKeys.CONNECTOR_RUNBOOK
			+ "'";

	private final JdbcTemplate jdbc;

	private final CaseMetrics metrics;

	CaseIndex(JdbcTemplate jdbc, CaseMetrics metrics) {
		this.jdbc = jdbc;
		this.metrics = metrics;
	}

	// ---------------------------------------------------------------------------------------------------- writing

	@Override
	public void notify(DelegateExecution execution) {
		String id = execution.getProcessInstanceId();
		String type = EntityType.ofProcess(((ExecutionEntity) execution).getProcessDefinition().getKey()).value();
		CaseContext context = CaseContext.of(execution);
		if (EVENTNAME_START.equals(execution.getEventName())) {
			this.jdbc.update("INSERT INTO runbook_case (case_id, case_type, business_key, opened_at, repeat_case) "
					+ "VALUES (?, ?, ?, ?, ?)", id, type, String.valueOf(execution.getProcessBusinessKey()),
					new Timestamp(ClockUtil.getCurrentTime().getTime()),
					context.repeat());
			this.metrics.opened(type);
		}
		else if (EVENTNAME_END.equals(execution.getEventName())) {
			String outcome = context.caseOutcome();
			this.jdbc.update("UPDATE runbook_case SET closed_at = ?, outcome = ? WHERE case_id = ?",
					new Timestamp(ClockUtil.getCurrentTime().getTime()), outcome, id);
			List<Timestamp> opened = this.jdbc.queryForList("SELECT opened_at FROM runbook_case WHERE case_id = ?",
					Timestamp.class, id);
			this.metrics.closed(type, outcome, opened.isEmpty() ? null : opened.get(0).toInstant(),
					context.unblockedAt(), context.releasedAt());
		}
	}

	// ---------------------------------------------------------------------------------------------------- reading

	/** The ids of one page of cases matching the filter, newest first, and how many match in all. */
	Page page(CaseFilter filter, int page, int size) {
		return page(filter, page, size, null);
	}

	/**
	 * The same among the cases of the tenants a reader serves ({@code visible}, Camunda tenant ids; null: every
	 * tenant), so that the count and the pages say nothing of other customers' cases. A case's tenant is the start of
	 * its business key ({@code contoso/mailbox:...}); the single tenant's keys start with the entity type, and such a
	 * case (no Camunda tenant) is everybody's, as Camunda shows it.
	 */
	Page page(CaseFilter filter, int page, int size, Set<String> visible) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (visible != null) {
			where.append(" AND (").append(WITHOUT_TENANT);
			for (String tenant : visible) {
				where.append(" OR business_key LIKE ?");
				args.add(tenant + "/%");
			}
			where.append(')');
		}
		if (filter.tenant() != null) {
			if (RunbookTenant.SINGLE.equals(filter.tenant())) {
				where.append(" AND ").append(WITHOUT_TENANT);
			}
			else {
				where.append(" AND business_key LIKE ?");
				args.add(filter.tenant() + "/%");
			}
		}
		if (filter.type() != null) {
			where.append(" AND case_type = ?");
			args.add(filter.type());
		}
		if ("open".equals(filter.state())) {
			where.append(" AND closed_at IS NULL");
		}
		else if ("closed".equals(filter.state())) {
			where.append(" AND closed_at IS NOT NULL");
		}
		if (filter.entity() != null) {
			// Part of the business key; a "_" or "%" typed here matches loosely, which a filter may.
			where.append(" AND business_key LIKE ?");
			args.add("%" + filter.entity() + "%");
		}
		if (filter.from() != null) {
			where.append(" AND opened_at >= ?");
			args.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND opened_at < ?");
			args.add(Timestamp.from(filter.to()));
		}
		if (filter.outcome() != null) {
			where.append(" AND outcome = ?");
			args.add(filter.outcome());
		}
		if (filter.person() != null) {
			// Whoever took part: the case's own record of who opened, reviewed, approved or decided it as a lead.
			where.append(" AND EXISTS (SELECT 1 FROM ACT_HI_VARINST v WHERE v.PROC_INST_ID_ = runbook_case.case_id "
					+ "AND v.NAME_ IN (?, ?, ?, ?) AND v.TEXT_ = ?)");
			args.addAll(List.of(CaseVariables.STARTED_BY, CaseVariables.REVIEWED_BY, CaseVariables.APPROVED_BY,
					CaseVariables.ESCALATION_RESOLVED_BY, filter.person()));
		}
		if (filter.repeat() != null) {
			where.append(" AND repeat_case = ?");
			args.add(filter.repeat());
		}
		long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM runbook_case" + where, Long.class, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) page * size);
		List<String> ids = this.jdbc.queryForList("SELECT case_id FROM runbook_case" + where
				+ " ORDER BY opened_at DESC, case_id DESC LIMIT ? OFFSET ?", String.class, pageArgs.toArray());
		return new Page(ids, total);
	}

	/** One page of case ids and the number of all matching cases. */
	record Page(List<String> ids, long total) {
	}

	// ---------------------------------------------------------------------------------------------------- repair

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::reconcileQuietly, Duration.ofHours(1));
	}

	@EventListener(ApplicationReadyEvent.class)
	void reconcileQuietly() {
		try {
			reconcile();
		}
		catch (RuntimeException ex) {
			LOG.warn("Case index reconciliation failed; the next round tries again: {}", ex.getMessage());
		}
	}

	/** Brings the index in line with the history; returns how many rows it added, closed or removed. */
	int reconcile() {
		int added = 0;
		try {
			added = this.jdbc.update("INSERT INTO runbook_case (case_id, case_type, business_key, opened_at, closed_at, "
					+ "outcome, repeat_case) SELECT p.ID_, CASE WHEN p.PROC_DEF_KEY_ = '" + ProcessKeys.CONNECTOR_RUNBOOK
					+ "' THEN '" + EntityType.CONNECTOR.value() + "' ELSE '" + EntityType.MAILBOX.value() + "' END, "
					+ "COALESCE(p.BUSINESS_KEY_, 'null'), p.START_TIME_, p.END_TIME_, "
					+ "(SELECT MAX(v.TEXT_) FROM ACT_HI_VARINST v WHERE v.PROC_INST_ID_ = p.ID_ AND v.NAME_ = '"
					+ CaseVariables.CASE_OUTCOME + "'), "
					+ "COALESCE((SELECT MAX(v.LONG_) FROM ACT_HI_VARINST v WHERE v.PROC_INST_ID_ = p.ID_ AND v.NAME_ = '"
					+ CaseVariables.REPEAT + "'), 0) = 1 "
					+ "FROM ACT_HI_PROCINST p WHERE p.PROC_DEF_KEY_ IN (" + CASE_KEYS + ") AND p.ID_ = p.ROOT_PROC_INST_ID_ "
					+ "AND NOT EXISTS (SELECT 1 FROM runbook_case c WHERE c.case_id = p.ID_)");
		}
		catch (DataIntegrityViolationException ex) {
			// Another node added the same cases at the same moment; its rows are as good as these.
			LOG.debug("Case index: another node reconciled at the same time", ex);
		}
		int closed = this.jdbc.update("UPDATE runbook_case SET closed_at = (SELECT p.END_TIME_ FROM ACT_HI_PROCINST p "
				+ "WHERE p.ID_ = runbook_case.case_id), outcome = (SELECT MAX(v.TEXT_) FROM ACT_HI_VARINST v "
				+ "WHERE v.PROC_INST_ID_ = runbook_case.case_id AND v.NAME_ = '" + CaseVariables.CASE_OUTCOME + "') "
				+ "WHERE closed_at IS NULL AND EXISTS (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.ID_ = runbook_case.case_id "
				+ "AND p.END_TIME_ IS NOT NULL)");
		int removed = this.jdbc.update("DELETE FROM runbook_case WHERE NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST p "
				+ "WHERE p.ID_ = runbook_case.case_id)");
		if (added + closed + removed > 0) {
			LOG.info("Case index reconciled with the history: {} added, {} closed, {} removed", added, closed, removed);
		}
		return added + closed + removed;
	}

}
