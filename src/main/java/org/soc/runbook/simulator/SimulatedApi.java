package org.soc.runbook.simulator;

/** The three Microsoft endpoints the simulator stands in for. */
public enum SimulatedApi {

	/** The identity platform's token endpoint. */
	TOKEN,

	/** Microsoft Graph. */
	GRAPH,

	/** The Exchange Online admin API. */
	EXCHANGE

}
