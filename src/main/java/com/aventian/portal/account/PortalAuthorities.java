package com.aventian.portal.account;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Platform-wide authorities kept in the session. Team rights are never here: they are privileges
 * looked up per team on each request, so a change of roles takes effect at once.
 */
public final class PortalAuthorities {

	static final String USER = "ROLE_USER";

	public static final String PLATFORM_ADMIN = "ROLE_PLATFORM_ADMIN";

	private PortalAuthorities() {
	}

	static List<GrantedAuthority> of(User user) {
		return user.platformAdmin()
				? List.of(new SimpleGrantedAuthority(USER), new SimpleGrantedAuthority(PLATFORM_ADMIN))
				: List.of(new SimpleGrantedAuthority(USER));
	}

}
