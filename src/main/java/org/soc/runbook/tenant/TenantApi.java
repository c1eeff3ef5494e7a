package org.soc.runbook.tenant;

/** The three Microsoft endpoints the runbook talks to. */
public enum TenantApi {

	/** The Microsoft identity platform token endpoint. */
	TOKEN("token endpoint"),

	/** Microsoft Graph (v1.0 and beta). */
	GRAPH("Graph"),

	/** The Exchange Online admin API ({@code InvokeCommand}). */
	EXCHANGE("Exchange Online");

	private final String label;

	TenantApi(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
