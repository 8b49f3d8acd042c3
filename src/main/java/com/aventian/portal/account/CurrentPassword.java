package com.aventian.portal.account;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

import com.aventian.portal.throttle.Throttle;
import com.aventian.portal.throttle.ThrottledAction;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a password typed by someone who claims an account outside the sign-in form (changing the e-mail
 * or the password, linking a provider): throttled per address and locked out like sign-in, on the same
 * counters, so a stolen session or a pending link cannot guess faster than the sign-in form allows.
 * Runs outside the caller's transaction: a failure is counted (and a lockout audited) even though the
 * caller then refuses.
 */
@Component
class CurrentPassword {

	private final PasswordEncoder passwordEncoder;

	private final SignInLockout lockout;

	private final Throttle throttle;

	CurrentPassword(PasswordEncoder passwordEncoder, SignInLockout lockout, Throttle throttle) {
		this.passwordEncoder = passwordEncoder;
		this.lockout = lockout;
		this.throttle = throttle;
	}

	/** Passes, or throws a {@link ProfileException} for {@code field} saying why not. */
	void require(User user, String typed, InetAddress client, String field) {
		Outcome outcome = check(user, typed, client);
		if (outcome != Outcome.RIGHT) {
			throw new ProfileException(field, outcome.message(lockedMinutes(user, client)));
		}
	}

	/** Checks the typed password against the account, counting a failure against its e-mail from this address. */
	Outcome check(User user, String typed, InetAddress client) {
		this.throttle.attempt(ThrottledAction.SIGN_IN, null, client);
		if (!user.hasPassword()) {
			return Outcome.NO_PASSWORD;
		}
		if (this.lockout.admit(user.email(), client).isPresent()) {
			return Outcome.LOCKED;
		}
		this.lockout.slowDown(user.email(), client);
		if (typed == null || !this.passwordEncoder.matches(typed, user.passwordHash())) {
			this.lockout.recordFailure(user.email(), client);
			return Outcome.WRONG;
		}
		this.lockout.recordSuccess(user.email(), client);
		return Outcome.RIGHT;
	}

	long lockedMinutes(User user, InetAddress client) {
		Optional<Duration> locked = this.lockout.lockedFor(user.email(), client);
		return locked.map((left) -> Math.max(1, (left.toSeconds() + 59) / 60)).orElse(0L);
	}

	enum Outcome {

		RIGHT, WRONG, LOCKED, NO_PASSWORD;

		String message(long lockedMinutes) {
			return switch (this) {
				case RIGHT -> "";
				case WRONG -> "That is not your current password.";
				case LOCKED -> "Too many failed attempts for this e-mail. Try again in " + lockedMinutes + " minutes.";
				case NO_PASSWORD -> "Your account has no password yet. Set one first with "
						+ "\"Forgot your password?\" on the sign-in page.";
			};
		}

	}

}
