package org.soc.runbook.tenant;

import org.soc.runbook.tenant.exchange.ExchangeOnlineClient;
import org.soc.runbook.tenant.graph.GraphClient;

/**
 * The clients of a case's tenant, by the Camunda tenant id of its process instance. Every step that calls Microsoft
 * asks here for the tenant of the case it works on, never for a tenant of its own choosing: a case's calls go to its
 * own customer's tenant only.
 */
@FunctionalInterface
public interface Tenants {

	/**
	 * The clients of the tenant whose Camunda tenant id this is; null is the single tenant of a deployment configured
	 * under {@code runbook.tenant.*}. An {@link UnknownTenantException} when the deployment serves no such tenant (it
	 * was removed while its cases ran).
	 */
	TenantClients clients(String camundaTenantId);

	/** The Graph client of the case's tenant (its Camunda tenant id). */
	default GraphClient graph(String camundaTenantId) {
		return clients(camundaTenantId).graph();
	}

	/** The Exchange Online client of the case's tenant (its Camunda tenant id). */
	default ExchangeOnlineClient exchange(String camundaTenantId) {
		return clients(camundaTenantId).exchange();
	}

	/** The one set of clients, whatever the case's tenant (tests and tools that build clients by hand). */
	static Tenants only(TenantClients clients) {
		return (camundaTenantId) -> clients;
	}

	/** A tenant the deployment does not serve (any more). */
	final class UnknownTenantException extends IllegalStateException {

		public UnknownTenantException(String message) {
			super(message);
		}

	}

}
