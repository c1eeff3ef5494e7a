package org.soc.runbook.tenant;

/** The two resources the runbook needs tokens for; the identity platform issues one token per resource. */
enum TenantResource {

	GRAPH, EXCHANGE

}
