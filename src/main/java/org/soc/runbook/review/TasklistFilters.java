package org.soc.runbook.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soc.runbook.tenant.RunbookTenant;
import org.soc.runbook.tenant.RunbookTenants;
import org.soc.runbook.tenant.TenantsChange;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.security.RunbookGroups;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tasklist lists nothing without a filter. One queue per working group (claimed tasks included, so a claimed review
 * does not vanish from the team's view), "Overdue" and "My tasks" for everyone, each readable by its group. Tasklist
 * opens on the readable filter of lowest priority, so each person lands on their group's queue. Each list entry shows
 * the case's variables an analyst sorts by (who, since when, whether it is a repeat) beside the task's name (see
 * {@link TaskHeadline}) and its due time. Kept by name: a restart or a second node adds nothing, and brings an older
 * filter up to date. With many tenants, a queue per customer and one for all the customers a person serves.
 */
@Component
class TasklistFilters extends AbstractProcessEnginePlugin {

	private static final Logger LOG = LoggerFactory.getLogger(TasklistFilters.class);

	private final RunbookGroups groups;

	private final RunbookTenants tenants;

	TasklistFilters(RunbookGroups groups, RunbookTenants tenants) {
		this.groups = groups;
		this.tenants = tenants;
	}

	/** Filter name → the group whose candidate tasks it lists and who may read it. */
	List<String[]> queues() {
		return List.of(new String[] { "Reviews", this.groups.analysts() },
				new String[] { "Approvals", this.groups.securityAdmins() },
				new String[] { "Escalations", this.groups.leads() },
				new String[] { "Helpdesk", this.groups.helpdesk() });
	}

	static final String MY_TASKS = "My tasks";

	static final String OVERDUE = "Overdue";

	static final String ALL_MY_CUSTOMERS = "All my customers";

	/** The property of a customer's queue that names its tenant's key: its name follows the tenant's name. */
	static final String TENANT = "tenant";

	/** Where the customers' queues start in Tasklist's order, after the runbook's own. */
	private static final int TENANT_QUEUES = 30;

	/** After the customers' queues, however many come and go. */
	private static final int ALL_MY_CUSTOMERS_PRIORITY = 1000;

	/** The engine, once built: the tenants file's changes come later. */
	private volatile ProcessEngine engine;

	/** The case's variables each list entry shows, with their labels; a variable a case does not have is left out. */
	static final List<Map<String, String>> LIST_VARIABLES = List.of(
			Map.of("name", CaseVariables.USER_DISPLAY_NAME, "label", "Name"),
			Map.of("name", CaseVariables.CONNECTOR_NAME, "label", "Connector"),
			Map.of("name", CaseVariables.RESTRICTED_SINCE, "label", "Restricted since"),
			Map.of("name", CaseVariables.REPEAT, "label", "Repeat case"),
			Map.of("name", CaseVariables.ENTITY_ID, "label", "Mailbox or connector id"));

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		this.engine = engine;
		FilterService filters = engine.getFilterService();
		int priority = 0;
		for (String[] queue : queues()) {
			TaskQuery query = engine.getTaskService().createTaskQuery().taskCandidateGroup(queue[1]).includeAssignedTasks();
			Filter filter = ensure(filters, queue[0], query, "Tasks of " + queue[1], priority++);
			grantRead(engine.getAuthorizationService(), filter, List.of(queue[1]));
		}
		// Past their SLA, claimed or not; each reader sees the ones their authorizations show them.
		TaskQuery overdue = engine.getTaskService().createTaskQuery().dueBeforeExpression("${now()}");
		Filter late = ensure(filters, OVERDUE, overdue, "Tasks past their due time", 10);
		grantRead(engine.getAuthorizationService(), late, this.groups.workers());
		TaskQuery mine = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
		Filter filter = ensure(filters, MY_TASKS, mine, "Tasks assigned to me", 20);
		grantRead(engine.getAuthorizationService(), filter, this.groups.workers());
		if (!this.tenants.single()) {
			tenantQueues(engine, filters);
		}
	}

	/**
	 * With many tenants: one queue per customer, every task of its cases, readable by those who serve it (its users
	 * and groups, and the provider's leads), so a person serving several customers can work one at a time; and "All my
	 * customers", every task of every tenant the reader serves (Camunda's tenant check leaves out the others).
	 */
	private void tenantQueues(ProcessEngine engine, FilterService filters) {
		List<RunbookTenant> all = this.tenants.all();
		for (int i = 0; i < all.size(); i++) {
			tenantQueue(engine, all.get(i), TENANT_QUEUES + i);
		}
		Filter mine = ensure(filters, ALL_MY_CUSTOMERS, engine.getTaskService().createTaskQuery(),
				"Tasks of every customer I serve", ALL_MY_CUSTOMERS_PRIORITY);
		grantRead(engine.getAuthorizationService(), mine, this.groups.workers());
	}

	/** A customer's queue: every task of its cases, readable by its users and groups and the leads. */
	private void tenantQueue(ProcessEngine engine, RunbookTenant tenant, int priority) {
		FilterService filters = engine.getFilterService();
		TaskQuery query = engine.getTaskService().createTaskQuery().tenantIdIn(tenant.camundaTenantId());
		Filter existing = queueOf(filters, tenant.key());
		if (existing == null) {
			// A queue made before queues named their tenant: by its name, and only one that names no tenant.
			existing = filters.createTaskFilterQuery()
				.filterName(tenant.name())
				.list()
				.stream()
				.filter((filter) -> filter.getProperties() == null || filter.getProperties().get(TENANT) == null)
				.findFirst()
				.orElse(null);
		}
		Filter filter = (existing != null) ? existing.setName(tenant.name()) : filters.newTaskFilter(tenant.name());
		filter.setQuery(query).setProperties(properties("Tasks of " + tenant.name() + "'s cases", priority,
				Map.of(TENANT, tenant.key())));
		filter = filters.saveFilter(filter);
		List<String> readers = new ArrayList<>(tenant.groups());
		readers.add(this.groups.leads());
		grantRead(engine.getAuthorizationService(), filter, readers);
		grantRead(engine.getAuthorizationService(), filter, tenant.users(), true);
	}

	/** The queue of the tenant with this key, by the key its properties hold; null when it has none. */
	private static Filter queueOf(FilterService filters, String key) {
		return filters.createTaskFilterQuery()
			.list()
			.stream()
			.filter((filter) -> filter.getProperties() != null && key.equals(filter.getProperties().get(TENANT)))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The tenants file changed: an added customer gets its queue, a changed one's queue follows its name, users and
	 * groups, and a removed one's queue goes (its cases are closed; their history stays in the audit page).
	 */
	@EventListener
	void tenantsChanged(TenantsChange change) {
		ProcessEngine engine = this.engine;
		if (engine == null || this.tenants.single()) {
			return;
		}
		List<RunbookTenant> all = this.tenants.all();
		List<RunbookTenant> changed = new ArrayList<>(change.added());
		changed.addAll(change.changed());
		for (RunbookTenant tenant : changed) {
			try {
				tenantQueue(engine, tenant, TENANT_QUEUES + Math.max(0, all.indexOf(tenant)));
			}
			catch (RuntimeException ex) {
				LOG.error("Tenant {}: its Tasklist queue could not be set up ({}); its tasks are in 'All my customers' "
						+ "meanwhile, and the queue is set up at the next start", tenant.key(), ex.getMessage());
			}
		}
		for (RunbookTenant tenant : change.removed()) {
			try {
				// Every queue of the tenant: two nodes that applied the file at once may have made one each.
				engine.getFilterService()
					.createTaskFilterQuery()
					.list()
					.stream()
					.filter((filter) -> filter.getProperties() != null
							&& tenant.key().equals(filter.getProperties().get(TENANT)))
					.forEach((queue) -> engine.getFilterService().deleteFilter(queue.getId()));
			}
			catch (RuntimeException ex) {
				LOG.error("Tenant {}: its Tasklist queue could not be removed ({}); delete it in Tasklist", tenant.key(),
						ex.getMessage());
			}
		}
	}

	private static Filter ensure(FilterService filters, String name, TaskQuery query, String description,
			int priority) {
		Filter existing = filters.createTaskFilterQuery().filterName(name).singleResult();
		Filter filter = (existing != null) ? existing : filters.newTaskFilter(name);
		filter.setQuery(query).setProperties(properties(description, priority, Map.of()));
		return filters.saveFilter(filter);
	}

	private static Map<String, Object> properties(String description, int priority, Map<String, Object> more) {
		Map<String, Object> properties = new LinkedHashMap<>(Map.of("description", description, "priority",
				priority, "refresh", true, "variables", LIST_VARIABLES, "showUndefinedVariable", false));
		properties.putAll(more);
		return properties;
	}

	private static void grantRead(AuthorizationService authorizations, Filter filter, List<String> groups) {
		grantRead(authorizations, filter, groups, false);
	}

	/** Lets each group (or, with {@code users}, each user) read the filter, once. */
	private static void grantRead(AuthorizationService authorizations, Filter filter, List<String> ids,
			boolean users) {
		for (String id : ids) {
			AuthorizationQuery granted = authorizations.createAuthorizationQuery()
				.resourceType(Resources.FILTER)
				.resourceId(filter.getId());
			if ((users ? granted.userIdIn(id) : granted.groupIdIn(id)).count() == 0) {
				Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
				if (users) {
					read.setUserId(id);
				}
				else {
					read.setGroupId(id);
				}
				read.setResource(Resources.FILTER);
				read.setResourceId(filter.getId());
				read.addPermission(Permissions.READ);
				authorizations.saveAuthorization(read);
			}
		}
	}

}
