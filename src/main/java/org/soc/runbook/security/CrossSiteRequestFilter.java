package org.soc.runbook.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests that a page on another site makes a browser send to {@code /engine-rest}, {@code /api} or the
 * actuator. Those APIs take HTTP basic, and a browser that once signed in with it sends the remembered credentials
 * with every later request to the same server, also with a form another site posts: without this, such a page could
 * make an administrator's browser create a deployment (cross-site request forgery). Scripts and tools (curl, the
 * SIEM, Prometheus) send neither header looked at here and pass; so do the runbook's own pages.
 * <p>
 * A browser says where a request comes from in {@code Sec-Fetch-Site} (every current browser) and, for a POST, in
 * {@code Origin}. Anything but {@code same-origin} or {@code none} (typed in the address bar) is refused, except a
 * plain link followed to a GET; a browser without {@code Sec-Fetch-Site} is judged by {@code Origin}. Runs before
 * authentication, so a forged request does not even reach the password check.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(CrossSiteRequestFilter.class);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	static final String REFUSAL = "Cross-site requests to this API are refused: a page on another site may not act "
			+ "with the credentials your browser remembers. Call the API from a script or a tool, or use the "
			+ "runbook's own pages.";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String from = crossSiteSource(request);
		if (from == null) {
			chain.doFilter(request, response);
			return;
		}
		LOG.warn("Refused a cross-site {} to {} from {} (credentials sent: {})", request.getMethod(),
				request.getRequestURI(), from, basicUser(request));
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"error\":\"" + REFUSAL + "\"}");
	}

	/** Where a cross-site request comes from (for the log), or null when it is not one. */
	static String crossSiteSource(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			String fetched = site.toLowerCase(Locale.ROOT);
			if ("same-origin".equals(fetched) || "none".equals(fetched)) {
				return null;
			}
			boolean followedLink = SAFE_METHODS.contains(request.getMethod())
					&& "navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"));
			return followedLink ? null : (origin != null) ? origin : "a " + fetched + " page";
		}
		if (origin == null || sameOrigin(origin, request)) {
			return null;
		}
		return origin;
	}

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		try {
			URI source = URI.create(origin);
			int port = (source.getPort() != -1) ? source.getPort() : ("https".equals(source.getScheme()) ? 443 : 80);
			return request.getScheme().equalsIgnoreCase(source.getScheme())
					&& request.getServerName().equalsIgnoreCase(source.getHost()) && request.getServerPort() == port;
		}
		catch (IllegalArgumentException ex) {
			// "null" (a sandboxed frame, a file) or garbage: not this server.
			return false;
		}
	}

	/** The user name of HTTP basic credentials, never the password; "none" without. */
	private static String basicUser(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return "none";
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			String user = (colon > 0)
					? decoded.substring(0, Math.min(colon, 100)).replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?") : null;
			return (user != null) ? "basic, as " + user : "basic";
		}
		catch (IllegalArgumentException ex) {
			return "basic (unreadable)";
		}
	}

}
