package org.soc.runbook.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The address people reach the application at, for every link it sends or shows: the task links in notifications,
 * the Tasklist address in escalations, the demo's banner. Set {@code runbook.base-url} where a proxy or a host name
 * stands in front of the node; without it the running server's own scheme, host and port, so that a demo on another
 * port links to itself.
 */
@Component
public class PublicAddress {

	private final Settings settings;

	private final Environment environment;

	PublicAddress(Settings settings, Environment environment) {
		this.settings = settings;
		this.environment = environment;
	}

	/** The application's base address, without a trailing slash. */
	public String base() {
		if (this.settings.baseUrl() != null && !this.settings.baseUrl().toString().isBlank()) {
			return strip(this.settings.baseUrl().toString());
		}
		// Known once the server listens; before that (a command-line run) the configured port.
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		boolean tls = this.environment.getProperty("server.ssl.enabled", Boolean.class, false);
		String context = this.environment.getProperty("server.servlet.context-path", "");
		return strip((tls ? "https" : "http") + "://localhost:" + port + context);
	}

	/** Tasklist's address. */
	public String tasklist() {
		return base() + this.environment.getProperty("camunda.bpm.webapp.application-path", "/camunda")
				+ "/app/tasklist/default/";
	}

	/** The Tasklist address that opens the task. */
	public String task(String taskId) {
		return tasklist() + "#/?task=" + UriComponentsBuilder.newInstance().path(taskId).encode().toUriString();
	}

	/** An address of the application's own ({@code path} starts with a slash). */
	public String of(String path) {
		return base() + path;
	}

	private static String strip(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * The public address's setting.
	 *
	 * @param baseUrl where people reach the application (scheme, host, port and any path a proxy adds), e.g.
	 * {@code https://runbook.soc.example}; none: the running server's own address on localhost
	 */
	@ConfigurationProperties("runbook")
	record Settings(URI baseUrl) {
	}

}
