package com.aventian.portal.account;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Signs people in and out outside the sign-in form: after a verification link, when the account
 * changed under a live session, and when every session of a user must end (a password reset).
 */
@Component
public class SessionControl {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SessionControl(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/** Starts a signed-in session for the user in this browser, under a new session id. */
	public void signIn(User user, HttpServletRequest request, HttpServletResponse response) {
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		PasswordPrincipal principal = new PasswordPrincipal(user);
		principal.eraseCredentials();
		save(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()), request,
				response);
		SessionDetails.note(request);
	}

	/** Replaces the session's principal with one made from the account as it is now. */
	void refresh(Authentication current, User user, HttpServletRequest request, HttpServletResponse response) {
		if (current instanceof OAuth2AuthenticationToken oauth && oauth.getPrincipal() instanceof OidcPrincipal oidc) {
			OidcPrincipal principal = new OidcPrincipal(user, oidc);
			save(new OAuth2AuthenticationToken(principal, principal.getAuthorities(),
					oauth.getAuthorizedClientRegistrationId()), request, response);
		}
		else {
			signIn(user, request, response);
		}
	}

	/** The user's sessions, by id: only these may be listed or ended by them. */
	java.util.Map<String, ? extends Session> sessionsOf(UUID userId) {
		return this.sessions.findByPrincipalName(userId.toString());
	}

	void end(String sessionId) {
		this.sessions.deleteById(sessionId);
	}

	/** Ends every session of the user but the one given; returns how many ended. */
	int endOthers(UUID userId, String keptSessionId) {
		int ended = 0;
		for (String id : sessionsOf(userId).keySet()) {
			if (!id.equals(keptSessionId)) {
				end(id);
				ended++;
			}
		}
		return ended;
	}

	/** Ends every session of the user, in every browser; returns how many there were. */
	int endAll(UUID userId) {
		var owned = this.sessions.findByPrincipalName(userId.toString()).keySet();
		owned.forEach(this.sessions::deleteById);
		return owned.size();
	}

	private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

}
