package org.soc.runbook;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signed in to the Camunda webapps as a browser is: a session cookie from the login form, and the
 * webapps' anti-forgery token echoed in a header on every change. Calls go to the webapps' own engine REST API
 * ({@code /camunda/api/engine/engine/default/...}), the one Tasklist and Cockpit use.
 */
public final class WebappSession {

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	private WebappSession(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder().cookieHandler(this.cookies).build();
	}

	/** Signs the user in to Tasklist on the application at {@code base} (e.g. http://localhost:8123). */
	public static WebappSession signIn(String base, String user, String password) {
		WebappSession session = new WebappSession(base);
		// The first page hands out the anti-forgery token for the session.
		session.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET());
		HttpResponse<String> login = session.send(HttpRequest
			.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
					+ "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
		assertThat(login.statusCode()).as("login of " + user).isEqualTo(200);
		// Signing in starts a new session, which needs a token of its own.
		session.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).GET());
		return session;
	}

	/** One try at the webapps' login form; its HTTP status (200 signed in, 401 not). */
	public static int tryLogin(String base, String user, String password) {
		WebappSession session = new WebappSession(base);
		session.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET());
		return session.send(HttpRequest
			.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
					+ "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))))
			.statusCode();
	}

	/** GETs from the webapps' engine REST API, e.g. {@code task?processInstanceId=...}, as Tasklist reads. */
	public HttpResponse<String> get(String enginePath) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/camunda/api/engine/engine/default/" + enginePath))
			.header("Accept", "application/json")
			.GET());
	}

	/** POSTs JSON to the webapps' engine REST API, e.g. {@code task/<id>/submit-form}. */
	public HttpResponse<String> post(String enginePath, Object body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/camunda/api/engine/engine/default/" + enginePath))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(CaseHttp.toJson(body))));
	}

	/** PUTs JSON to the webapps' engine REST API. */
	public HttpResponse<String> put(String enginePath, Object body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/camunda/api/engine/engine/default/" + enginePath))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(CaseHttp.toJson(body))));
	}

	/** DELETEs on the webapps' engine REST API. */
	public HttpResponse<String> delete(String enginePath) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/camunda/api/engine/engine/default/" + enginePath))
			.DELETE());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		String token = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> "XSRF-TOKEN".equals(cookie.getName()))
			.map(HttpCookie::getValue)
			.reduce((first, second) -> second)
			.orElse(null);
		if (token != null) {
			request.header("X-XSRF-TOKEN", token);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
