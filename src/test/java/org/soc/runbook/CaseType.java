package org.soc.runbook;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.soc.runbook.cases.EntityType;

/**
 * The two kinds of case the runbook opens, with what a test needs to drive one: the model's process key, the
 * business key of an entity's case, and the ids of the people's tasks in that model. The tests of the models alone
 * ({@link ModelScenario}) and the tests of the whole application ({@link EngineDriver}) name the tasks from here.
 */
public enum CaseType {

	/** A restricted mailbox: {@code restricted-user-remediation}. */
	MAILBOX(EntityType.MAILBOX, "Task_ReviewRecommendations", "Task_ApproveRelease"),

	/** A restricted inbound connector: {@code restricted-connector-remediation}. */
	CONNECTOR(EntityType.CONNECTOR, "Task_ReviewConnector",
			"Task_ApproveConnectorRelease");

	private final EntityType entity;

	private final String reviewTask;

	private final String approvalTask;

	CaseType(EntityType entity, String reviewTask, String approvalTask) {
		this.entity = entity;
		this.reviewTask = reviewTask;
		this.approvalTask = approvalTask;
	}

	/**
	 * The kind of the case, from its business key: the definition id does not always carry the process key (the
	 * engine falls back to a bare id when the key, version and id would not fit its column).
	 */
	public static CaseType of(ProcessInstance pi) {
		for (CaseType type : values()) {
			if (pi.getBusinessKey() != null && pi.getBusinessKey().startsWith(type.entity.businessKey(""))) {
				return type;
			}
		}
		throw new IllegalArgumentException("Not a case of the runbook: " + pi.getBusinessKey());
	}

	/** The process key of the model. */
	public String processKey() {
		return this.entity.processKey();
	}

	/** {@code mailbox} or {@code connector}, as the case's {@code entityType}. */
	public String entityType() {
		return this.entity.value();
	}

	/** {@code mailbox:<address>} or {@code connector:<guid>}. */
	public String businessKey(String entityId) {
		return this.entity.businessKey(entityId);
	}

	/** The analysts' review task. */
	public String reviewTask() {
		return this.reviewTask;
	}

	/** The security administrators' approval task. */
	public String approvalTask() {
		return this.approvalTask;
	}

}
