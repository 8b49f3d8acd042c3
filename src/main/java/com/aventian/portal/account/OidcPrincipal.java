package com.aventian.portal.account;

import java.io.Serial;
import java.util.UUID;

import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A user who signed in through an OIDC provider; its name is our user id, not the provider's subject. */
final class OidcPrincipal extends DefaultOidcUser implements PortalPrincipal {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UUID userId;

	private final String email;

	private final boolean emailVerified;

	OidcPrincipal(User user, OidcUser signedIn) {
		super(PortalAuthorities.of(user), signedIn.getIdToken(), signedIn.getUserInfo());
		this.userId = user.id();
		this.email = user.email();
		this.emailVerified = user.emailVerifiedAt() != null;
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
	public String getName() {
		return this.userId.toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof OidcPrincipal principal && principal.userId.equals(this.userId);
	}

	@Override
	public int hashCode() {
		return this.userId.hashCode();
	}

}
