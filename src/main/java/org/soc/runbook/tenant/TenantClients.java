package org.soc.runbook.tenant;

import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;

/**
 * One tenant's clients. Each tenant has its own: its own tokens, its own connections and its own throttle budget
 * ({@link CallLanes}, Retry-After holds), as Microsoft throttles each tenant on its own, so that a wave in one
 * customer's tenant does not slow another's.
 *
 * @param tenant the tenant
 * @param graph its Microsoft Graph client
 * @param exchange its Exchange Online admin API client
 * @param tokens its tokens (the preflight and health read their permissions)
 * @param reachability what its calls say about whether it can be reached
 */
public record TenantClients(RunbookTenant tenant, GraphClient graph, ExchangeOnlineClient exchange,
		AccessTokenProvider tokens, TenantReachability reachability) {

	/** Clients built by hand for one tenant (tests, tools). */
	public static TenantClients of(RunbookTenant tenant, GraphClient graph, ExchangeOnlineClient exchange) {
		return new TenantClients(tenant, graph, exchange, null, new TenantReachability());
	}

}
