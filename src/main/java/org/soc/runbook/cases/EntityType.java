package org.soc.runbook.cases;

import java.util.Arrays;

/**
 * What Microsoft restricted: a mailbox (a user sending spam) or an inbound connector. Each has its runbook, and its
 * cases' business keys start with its value ({@code mailbox:adele@contoso.com}, {@code connector:<guid>}).
 */
public enum EntityType {

	/** A mailbox on the restricted entities list; its runbook contains the user, then reviews and unblocks. */
	MAILBOX("mailbox", ProcessKeys.MAILBOX_RUNBOOK),

	/** An inbound connector blocked for sending spam; its runbook reviews the connector, then unblocks. */
	CONNECTOR("connector", ProcessKeys.CONNECTOR_RUNBOOK);

	private final String value;

	private final String processKey;

	EntityType(String value, String processKey) {
		this.value = value;
		this.processKey = processKey;
	}

	/** The value in {@link CaseVariables#ENTITY_TYPE}, the API and the business key. */
	public String value() {
		return this.value;
	}

	/** The key of this entity's runbook. */
	public String processKey() {
		return this.processKey;
	}

	/** The business key of this entity's case. */
	public String businessKey(String entityId) {
		return this.value + ":" + entityId;
	}

	/** The type a value names, or an {@link IllegalArgumentException} that lists the values there are. */
	public static EntityType of(String value) {
		return Arrays.stream(values())
			.filter((type) -> type.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("type must be mailbox or connector"));
	}

	/** The type whose runbook has this key, or null for a process that is not a runbook. */
	public static EntityType ofProcess(String processKey) {
		return Arrays.stream(values()).filter((type) -> type.processKey.equals(processKey)).findFirst().orElse(null);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
