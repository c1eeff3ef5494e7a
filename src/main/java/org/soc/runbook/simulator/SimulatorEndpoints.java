package org.soc.runbook.simulator;

import java.net.URI;

import org.soc.runbook.tenant.TenantEndpoints;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Points the tenant clients at this application's own {@code /sim} paths. The port is known only once the web
 * server is up (tests use a random one), so it is taken from the server's start event.
 */
final class SimulatorEndpoints implements TenantEndpoints, ApplicationListener<WebServerInitializedEvent> {

	/** Where the simulator's controllers answer on this application's server. */
	static final String PATH = "/sim";

	private volatile String base;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// The management server, if separate, announces itself too; the simulator lives on the main one.
		String namespace = event.getApplicationContext().getServerNamespace();
		if (namespace == null || namespace.isEmpty()) {
			this.base = "http://127.0.0.1:" + event.getWebServer().getPort() + PATH;
		}
	}

	@Override
	public URI authority() {
		return URI.create(base() + "/login");
	}

	@Override
	public URI graph() {
		return URI.create(base() + "/graph");
	}

	@Override
	public URI exchange() {
		return URI.create(base() + "/exo");
	}

	@Override
	public URI managedIdentity() {
		return URI.create(base() + "/imds");
	}

	private String base() {
		String current = this.base;
		if (current == null) {
			throw new IllegalStateException("the simulated tenant is not reachable before the web server has started");
		}
		return current;
	}

}
