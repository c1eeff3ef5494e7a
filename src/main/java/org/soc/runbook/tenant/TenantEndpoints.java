package org.soc.runbook.tenant;

import java.net.URI;

/**
 * Where the three Microsoft APIs are. Production reads them from {@link TenantProperties}; the simulator supplies its
 * own once the web server knows its port, which is why the clients ask for them on every call.
 */
public interface TenantEndpoints {

	/** The identity platform host, e.g. {@code https://login.microsoftonline.com}. */
	URI authority();

	/** The Graph host, e.g. {@code https://graph.microsoft.com}. */
	URI graph();

	/** The Exchange Online admin API host, e.g. {@code https://outlook.office365.com}. */
	URI exchange();

	/**
	 * Where a managed identity's tokens come from: the Azure instance metadata service, which answers on this fixed
	 * link-local address inside every Azure resource.
	 */
	default URI managedIdentity() {
		return URI.create("http://" + MsalHttpClient.METADATA_HOST);
	}

	/**
	 * The Graph host as Graph names its own objects ({@code @odata.id} references such as
	 * {@code https://graph.microsoft.com/v1.0/directoryObjects/{id}}): the cloud's, even when calls go through a
	 * proxy or to the simulator.
	 */
	default URI graphResource() {
		return graph();
	}

	/** The endpoints named in the configuration; Graph's own name for itself is the cloud's. */
	static TenantEndpoints of(TenantProperties properties) {
		return new Configured(properties.authority(), properties.graphUrl(), properties.exchangeUrl(),
				properties.cloud().graph());
	}

	/** Endpoints from the configuration, with the cloud's Graph host for references. */
	record Configured(URI authority, URI graph, URI exchange, URI graphResource) implements TenantEndpoints {
	}

	/** Endpoints that never change. */
	record Fixed(URI authority, URI graph, URI exchange) implements TenantEndpoints {
	}

}
