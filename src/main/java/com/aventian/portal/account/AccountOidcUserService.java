package com.aventian.portal.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Turns a verified OIDC sign-in into a portal principal named by our own user id. A new identity whose
 * e-mail has an account is never linked silently: the sign-in stops, remembering the identity in the
 * session, and the person proves the account on the link page. A signed-in person who asked to link a
 * provider from their profile gets the identity linked to their account.
 */
@Component
class AccountOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	static final String LINK_REQUIRED = "link_required";

	private final OidcUserService provider = new OidcUserService();

	private final AccountService accounts;

	private final ProfileService profiles;

	AccountOidcUserService(AccountService accounts, ProfileService profiles) {
		this.accounts = accounts;
		this.profiles = profiles;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser signedIn = this.provider.loadUser(request);
		ExternalSignIn signIn = new ExternalSignIn(signedIn.getIssuer().toString(), signedIn.getSubject(),
				signedIn.getEmail(), Boolean.TRUE.equals(signedIn.getEmailVerified()), signedIn.getFullName());
		Optional<HttpSession> session = currentSession();
		Object linkFor = session.map((s) -> s.getAttribute(IdentityLinks.LINK_FOR)).orElse(null);
		if (linkFor instanceof UUID userId) {
			session.get().removeAttribute(IdentityLinks.LINK_FOR);
			return new OidcPrincipal(linkToSignedInUser(userId, signIn), signedIn);
		}
		try {
			// a disabled account is refused there (ACCOUNT_DISABLED), with the message of its reason
			return new OidcPrincipal(this.accounts.signInWithIdentity(signIn), signedIn);
		}
		catch (ExternalSignInRefusedException ex) {
			if (ex.reason() == ExternalSignInRefusedException.Reason.EMAIL_BELONGS_TO_ACCOUNT && session.isPresent()) {
				session.get().setAttribute(IdentityLinks.PENDING, signIn);
				throw new OAuth2AuthenticationException(new OAuth2Error(LINK_REQUIRED), ex);
			}
			throw new OAuth2AuthenticationException(new OAuth2Error(ex.reason().name().toLowerCase()), ex);
		}
	}

	private User linkToSignedInUser(UUID userId, ExternalSignIn signIn) {
		User user = this.profiles.user(userId);
		Optional<User> owner = this.accounts.findUserByIdentity(signIn.issuer(), signIn.subject());
		if (owner.isPresent() && !owner.get().id().equals(userId)) {
			throw new OAuth2AuthenticationException(new OAuth2Error("identity_linked_elsewhere"));
		}
		if (owner.isEmpty()) {
			this.profiles.link(user, signIn);
		}
		return user;
	}

	private static Optional<HttpSession> currentSession() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return Optional.of(attributes.getRequest().getSession());
		}
		return Optional.empty();
	}

}
