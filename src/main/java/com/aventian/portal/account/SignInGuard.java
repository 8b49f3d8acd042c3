package com.aventian.portal.account;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.throttle.Throttle;
import com.aventian.portal.throttle.ThrottledAction;
import com.aventian.portal.throttle.ThrottledException;
import com.aventian.portal.throttle.ThrottleResponses;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before the password check of a sign-in: counts the attempt against the throttle (429 past the
 * limits) and refuses an e-mail that is locked out, without doing any password work, the same way for
 * every e-mail.
 */
class SignInGuard extends OncePerRequestFilter {

	private final Throttle throttle;

	private final SignInLockout lockout;

	private final SignInActivity activity;

	SignInGuard(Throttle throttle, SignInLockout lockout, SignInActivity activity) {
		this.throttle = throttle;
		this.lockout = lockout;
		this.activity = activity;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String email = request.getParameter(SignInActivity.EMAIL_PARAMETER);
		try {
			this.throttle.attempt(ThrottledAction.SIGN_IN, email, ClientAddress.of(request));
		}
		catch (ThrottledException ex) {
			ThrottleResponses.send(ex, request, response);
			return;
		}
		Optional<Duration> locked = (email == null || email.isBlank()) ? Optional.empty() : this.lockout.lockedFor(email);
		if (locked.isPresent()) {
			this.activity.refuseLockedOut(request, response, email, locked.get());
			return;
		}
		chain.doFilter(request, response);
	}

}
