package org.soc.runbook.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the engine who is calling for the length of one request, so that Camunda's authorizations apply to
 * {@code /engine-rest} and the project's own API call the engine as the signed-in user, and the user operation log
 * names them. Cleared afterwards: the thread goes back to the pool.
 */
class CamundaIdentityFilter extends OncePerRequestFilter {

	private final IdentityService identityService;

	private final TenantMembers tenants;

	CamundaIdentityFilter(IdentityService identityService, TenantMembers tenants) {
		this.identityService = identityService;
		this.tenants = tenants;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		List<String> groups = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((a) -> a.startsWith(CamundaUserAuthenticationProvider.GROUP_PREFIX))
			.map((a) -> a.substring(CamundaUserAuthenticationProvider.GROUP_PREFIX.length()))
			.toList();
		// The tenants the person serves, as the webapps' own login reads them: Camunda's tenant check then filters
		// /engine-rest and the runbook's API alike.
		this.identityService.setAuthentication(authentication.getName(), groups,
				List.copyOf(this.tenants.servedBy(authentication.getName())));
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.identityService.clearAuthentication();
		}
	}

}
