package com.aventian.portal.account;

import java.io.IOException;
import java.net.InetAddress;
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
 * Runs before the password check of a sign-in: counts the attempt against the address's throttle (429 past
 * the limit), refuses an e-mail locked out from this address without doing any password work, the same way
 * for every e-mail, and holds the attempt for the e-mail's delay (see {@link SignInLockout}). No per-e-mail
 * throttle here: a count of attempts per e-mail from everywhere would let anyone lock the owner out.
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
		InetAddress client = ClientAddress.of(request);
		try {
			this.throttle.attempt(ThrottledAction.SIGN_IN, null, client);
		}
		catch (ThrottledException ex) {
			ThrottleResponses.send(ex, request, response);
			return;
		}
		if (email != null && !email.isBlank()) {
			Optional<Duration> locked = this.lockout.admit(email, client);
			if (locked.isPresent()) {
				this.activity.refuseLockedOut(request, response, email, locked.get());
				return;
			}
			try {
				this.lockout.slowDown(email, client);
			}
			catch (ThrottledException ex) {
				ThrottleResponses.send(ex, request, response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
