package com.aventian.portal.config;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions start short ({@code server.servlet.session.timeout}, minutes): a stranger's session only holds
 * a CSRF token for the sign-in or sign-up form. Once someone is signed in, the session gets the signed-in
 * lifetime ({@code aventian.session.signed-in-timeout}, hours).
 */
final class SessionLifetime extends OncePerRequestFilter {

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	private final int signedInSeconds;

	SessionLifetime(Duration signedIn) {
		this.signedInSeconds = Math.toIntExact(signedIn.toSeconds());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && session.getMaxInactiveInterval() != this.signedInSeconds
				&& this.trust.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())) {
			session.setMaxInactiveInterval(this.signedInSeconds);
		}
		chain.doFilter(request, response);
	}

}
