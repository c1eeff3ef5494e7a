package org.soc.runbook.config;

import java.util.OptionalLong;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Tests for {@link CurrentJobLane}: a tenant call's lane is the priority of the job that makes it. */
class CurrentJobLaneTests {

	private final CurrentJobLane lane = new CurrentJobLane(sixteenThreads());

	private static CamundaBpmProperties sixteenThreads() {
		CamundaBpmProperties camunda = new CamundaBpmProperties();
		camunda.getJobExecution().setMaxPoolSize(16);
		return camunda;
	}

	@Test
	void theTenantsShareTheJobExecutorsThreads() {
		assertThat(this.lane.threads()).isEqualTo(16);
	}

	@Test
	void aCallInAJobGoesInTheJobsPriority() {
		MessageEntity containment = new MessageEntity();
		containment.setPriority(200);
		CommandContext command = mock(CommandContext.class);
		when(command.getCurrentJob()).thenReturn(containment);
		Context.setCommandContext(command);
		try {
			assertThat(this.lane.current()).isEqualTo(OptionalLong.of(200));
		}
		finally {
			Context.removeCommandContext();
		}
	}

	@Test
	void aCallOutsideAJobHasNoLane() {
		assertThat(this.lane.current()).as("no command at all").isEmpty();
		CommandContext request = mock(CommandContext.class);
		Context.setCommandContext(request);
		try {
			assertThat(this.lane.current()).as("a command that runs no job: a person's request").isEmpty();
		}
		finally {
			Context.removeCommandContext();
		}
	}

}
