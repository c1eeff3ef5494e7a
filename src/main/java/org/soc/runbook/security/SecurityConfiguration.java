package org.soc.runbook.security;

import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP.
 * <ul>
 * <li>{@code /engine-rest/**}, {@code /api/**} and the actuator (but its health probes): HTTP basic against Camunda's
 * users, no session, then the engine runs as that user so Camunda's authorizations decide the rest. The REST starter
 * alone leaves {@code /engine-rest} open to anyone, authorization setting or not. A request a page on another site
 * makes a browser send is refused before authentication ({@link CrossSiteRequestFilter}).</li>
 * <li>Camunda's first-administrator set-up page ({@code /camunda/api/admin/setup/**}) is closed: administrators come
 * from configuration or the directory, never from the first anonymous visitor.</li>
 * <li>{@code /sim/**}: the simulated tenant checks its own bearer tokens, like Microsoft would.</li>
 * <li>{@code /audit/**} and {@code /helpdesk/**}: the auditors' and the helpdesk's static pages, public, under a
 * strict content security policy; their data comes from the authenticated API.</li>
 * <li>Everything else is the Camunda webapps, which have their own session login and CSRF protection.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REALM = "Restricted Entity Runbook";

	/**
	 * Matches the path within the application, whichever servlet serves it. Plain string patterns would be matched
	 * relative to Spring MVC's dispatcher servlet and silently miss {@code /engine-rest}, which Jersey serves.
	 */
	static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	@Bean
	CamundaUserAuthenticationProvider camundaUserAuthenticationProvider(IdentityService identityService) {
		return new CamundaUserAuthenticationProvider(identityService);
	}

	/**
	 * The restriction intake authenticates its callers itself, with the shared secret (bearer token or an HMAC of the
	 * body): detection sources are services, not Camunda users.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain intakeSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(path("/api/restrictions"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * Camunda's set-up page lets anyone create the first administrator while the {@code camunda-admin} group is
	 * empty, as it is in production until the first sign-in is configured. The runbook's administrators come from
	 * {@code camunda.bpm.admin-user} or the directory, so the page is closed for good.
	 */
	@Bean
	@Order(-1)
	SecurityFilterChain setupClosed(HttpSecurity http,
			@Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) throws Exception {
		http.securityMatcher(path(webapps + "/api/admin/setup/**"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint((request, response, denied) -> response
				.sendError(HttpServletResponse.SC_FORBIDDEN, "The first-administrator set-up is closed: "
						+ "administrators are configured (camunda.bpm.admin-user) or come from the directory.")));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, CamundaUserAuthenticationProvider users,
			IdentityService identityService, TenantMembers tenants, RunbookGroups groups) throws Exception {
		http.securityMatcher(new OrRequestMatcher(path("/engine-rest/**"), path("/api/**"), path("/actuator/**")))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(path("/actuator/health"), path("/actuator/health/**"), path("/actuator/info"))
				.permitAll()
				// Prometheus scrapes with a user of the monitoring group: metrics only, no case, no task.
				.requestMatchers(path("/actuator/prometheus"))
				.hasAnyAuthority(CamundaUserAuthenticationProvider.GROUP_PREFIX + groups.monitoring(),
						CamundaUserAuthenticationProvider.GROUP_PREFIX + groups.admins())
				.requestMatchers(path("/actuator/**"))
				.hasAuthority(CamundaUserAuthenticationProvider.GROUP_PREFIX + groups.admins())
				.anyRequest()
				.authenticated())
			.httpBasic((basic) -> basic.realmName(REALM))
			.authenticationProvider(users)
			// Stateless basic authentication: no cookie is ever set, so there is no session for CSRF to abuse.
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
			.addFilterAfter(new CamundaIdentityFilter(identityService, tenants), BasicAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * The simulated tenant checks its own bearer tokens, like Microsoft would, and has no session, form, cookie or
	 * user of this application to protect: its chain has no filter at all. Only the firewall that guards every
	 * request still applies. (Each filter was CPU that a wave of tenant calls spent on the same two cores.)
	 */
	@Bean
	@Order(2)
	SecurityFilterChain simulatorSecurity() {
		return new DefaultSecurityFilterChain(path("/sim/**"));
	}

	/**
	 * The auditors' and the helpdesk's pages are static and public (their data comes from the authenticated API); a
	 * strict content security policy keeps them to their own files, so nothing injected could load or run anything
	 * else. The helpdesk's page shows a Temporary Access Pass: no cache may keep it.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain auditPageSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(new OrRequestMatcher(path("/audit"), path("/audit/**"), path("/helpdesk"),
				path("/helpdesk/**")))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
						+ "style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
						+ "form-action 'self'; frame-ancestors 'none'"))
				.frameOptions((frames) -> frames.deny()));
		return http.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain webappSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			// The Camunda webapps run their own CSRF filter and session authentication.
			.csrf(AbstractHttpConfigurer::disable)
			.headers((headers) -> headers.cacheControl((cache) -> cache.disable())
				.frameOptions((frames) -> frames.sameOrigin()));
		return http.build();
	}

}
