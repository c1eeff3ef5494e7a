package org.soc.runbook.review;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.soc.runbook.security.RunbookGroups;

import org.springframework.stereotype.Component;

/**
 * Tasklist lists nothing without a filter. One queue per working group (claimed tasks included, so a claimed review
 * does not vanish from the team's view) and "My tasks" for everyone, each readable by its group. Created once, by
 * name, so a restart or a second node adds nothing.
 */
@Component
class TasklistFilters extends AbstractProcessEnginePlugin {

	private final RunbookGroups groups;

	TasklistFilters(RunbookGroups groups) {
		this.groups = groups;
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

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		FilterService filters = engine.getFilterService();
		int priority = 0;
		for (String[] queue : queues()) {
			TaskQuery query = engine.getTaskService().createTaskQuery().taskCandidateGroup(queue[1]).includeAssignedTasks();
			Filter filter = ensure(filters, queue[0], query, "Tasks of " + queue[1], priority++);
			grantRead(engine.getAuthorizationService(), filter, List.of(queue[1]));
		}
		// Past their SLA, claimed or not; each reader sees the ones their authorizations show them.
		TaskQuery overdue = engine.getTaskService().createTaskQuery().dueBeforeExpression("${now()}");
		Filter late = ensure(filters, OVERDUE, overdue, "Tasks past their due time", priority++);
		grantRead(engine.getAuthorizationService(), late, this.groups.workers());
		TaskQuery mine = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
		Filter filter = ensure(filters, MY_TASKS, mine, "Tasks assigned to me", -1);
		grantRead(engine.getAuthorizationService(), filter, this.groups.workers());
	}

	private static Filter ensure(FilterService filters, String name, TaskQuery query, String description,
			int priority) {
		Filter existing = filters.createTaskFilterQuery().filterName(name).singleResult();
		if (existing != null) {
			return existing;
		}
		Filter filter = filters.newTaskFilter(name)
			.setQuery(query)
			.setProperties(Map.of("description", description, "priority", priority, "refresh", true));
		return filters.saveFilter(filter);
	}

	private static void grantRead(AuthorizationService authorizations, Filter filter, List<String> groups) {
		for (String group : groups) {
			boolean exists = authorizations.createAuthorizationQuery()
				.groupIdIn(group)
				.resourceType(Resources.FILTER)
				.resourceId(filter.getId())
				.count() > 0;
			if (!exists) {
				Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
				read.setGroupId(group);
				read.setResource(Resources.FILTER);
				read.setResourceId(filter.getId());
				read.addPermission(Permissions.READ);
				authorizations.saveAuthorization(read);
			}
		}
	}

}
