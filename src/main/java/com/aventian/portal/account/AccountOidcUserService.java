package com.aventian.portal.account;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/** Turns a verified OIDC sign-in into a portal principal named by our own user id. */
@Component
class AccountOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService provider = new OidcUserService();

	private final AccountService accounts;

	AccountOidcUserService(AccountService accounts) {
		this.accounts = accounts;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser signedIn = this.provider.loadUser(request);
		ExternalSignIn signIn = new ExternalSignIn(signedIn.getIssuer().toString(), signedIn.getSubject(),
				signedIn.getEmail(), Boolean.TRUE.equals(signedIn.getEmailVerified()), signedIn.getFullName());
		try {
			User user = this.accounts.signInWithIdentity(signIn);
			if (!user.isActive()) {
				throw new OAuth2AuthenticationException(new OAuth2Error("account_disabled"));
			}
			return new OidcPrincipal(user, signedIn);
		}
		catch (ExternalSignInRefusedException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error(ex.reason().name().toLowerCase()), ex);
		}
	}

}
