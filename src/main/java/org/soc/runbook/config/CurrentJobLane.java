package org.soc.runbook.config;

import java.time.Instant;
import java.util.OptionalLong;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.soc.runbook.tenant.TenantCallLane;

import org.springframework.stereotype.Component;

/**
 * A tenant call's lane is the priority of the job that makes it, as the models set it (containment 200, evidence
 * 100, the rest 0): the one place that says what goes first, for the job executor and the tenant's budget alike.
 */
@Component
class CurrentJobLane implements TenantCallLane {

	private final int threads;

	CurrentJobLane(CamundaBpmProperties camunda) {
		this.threads = camunda.getJobExecution().getMaxPoolSize();
	}

	@Override
	public OptionalLong current() {
		CommandContext command = Context.getCommandContext();
		JobEntity job = (command != null) ? command.getCurrentJob() : null;
		return (job != null) ? OptionalLong.of(job.getPriority()) : OptionalLong.empty();
	}

	@Override
	public Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	@Override
	public int threads() {
		return this.threads;
	}

}
