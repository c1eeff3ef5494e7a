package org.soc.runbook.review;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.soc.runbook.RunbookIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The Tasklist queues exist once each, however often the engine starts (a restart, a second node). */
@RunbookIntegrationTest
class TasklistFiltersTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	TasklistFilters filters;

	@Test
	void everyQueueExistsOnceEvenAfterAnotherStart() {
		this.filters.postProcessEngineBuild(this.engine);
		FilterService service = this.engine.getFilterService();
		for (String name : new String[] { "Reviews", "Approvals", "Escalations", "Overdue", "My tasks" }) {
			assertThat(service.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
		}
	}

}
