package com.aventian.portal.account;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user who signed in with e-mail and password; the username Spring sees is the user id. */
final class PasswordPrincipal implements UserDetails, CredentialsContainer, PortalPrincipal {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UUID userId;

	private final String email;

	private final boolean emailVerified;

	private String passwordHash;

	private final boolean enabled;

	private final List<GrantedAuthority> authorities;

	PasswordPrincipal(User user) {
		this.userId = user.id();
		this.email = user.email();
		this.emailVerified = user.emailVerifiedAt() != null;
		this.passwordHash = user.passwordHash();
		this.enabled = user.isActive();
		this.authorities = PortalAuthorities.of(user);
	}

	@Override
	public UUID userId() {
		return this.userId;
	}

	@Override
	public String email() {
		return this.email;
	}

	@Override
	public boolean emailVerified() {
		return this.emailVerified;
	}

	@Override
	public String getUsername() {
		return this.userId.toString();
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

}
