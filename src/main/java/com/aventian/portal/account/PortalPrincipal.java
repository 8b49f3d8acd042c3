package com.aventian.portal.account;

import java.util.UUID;

/**
 * The signed-in person, whichever way they signed in. Its name (Spring Security's
 * {@code Authentication.getName()}) is the internal user id, so Spring Session indexes password and
 * OIDC sessions of one user under the same key.
 */
public interface PortalPrincipal {

	UUID userId();

	String email();

	/** Until the e-mail is verified, the person sees only the "verify your e-mail" page. */
	boolean emailVerified();

}
