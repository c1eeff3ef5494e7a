package org.soc.runbook.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP basic credentials against Camunda's users (the same users who sign in to Tasklist and Cockpit, from
 * the engine's database or, in production, the directory the identity provider reads) and grants one authority per
 * Camunda group, {@code GROUP_<id>}. Camunda's own login throttling applies: after a wrong password the user is
 * refused for a few seconds even with the right one.
 */
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

	/** Prefix of the authorities that carry Camunda group ids. */
	static final String GROUP_PREFIX = "GROUP_";

	private final IdentityService identityService;

	CamundaUserAuthenticationProvider(IdentityService identityService) {
		this.identityService = identityService;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String userId = authentication.getName();
		Object credentials = authentication.getCredentials();
		String password = (credentials != null) ? credentials.toString() : null;
		if (userId == null || userId.isBlank() || password == null || password.isEmpty()
				|| !this.identityService.checkPassword(userId, password)) {
			throw new BadCredentialsException("Bad credentials");
		}
		List<GrantedAuthority> authorities = this.identityService.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.<GrantedAuthority>map((id) -> new SimpleGrantedAuthority(GROUP_PREFIX + id))
			.toList();
		// The password is not kept in the authenticated token.
		return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
