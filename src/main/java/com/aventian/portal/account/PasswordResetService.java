package com.aventian.portal.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.mail.OutgoingMail;
import com.aventian.portal.mail.Postman;
import com.aventian.portal.shared.security.RandomToken;
import com.aventian.portal.shared.web.PublicUrl;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by e-mail. Asking for a reset answers the same whether or not the e-mail has an
 * account; a reset ends every session of the account and tells its owner by mail.
 */
@Service
public class PasswordResetService {

	private final UserMapper users;

	private final EmailTokens tokens;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy policy;

	private final Postman postman;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration validity;

	private final ProfileService profiles;

	PasswordResetService(UserMapper users, EmailTokens tokens, PasswordEncoder passwordEncoder, PasswordPolicy policy,
			Postman postman, PublicUrl publicUrl, AuditLog audit, Clock clock,
			@Value("${aventian.links.reset-validity}") Duration validity, ProfileService profiles) {
		this.profiles = profiles;
		this.users = users;
		this.tokens = tokens;
		this.passwordEncoder = passwordEncoder;
		this.policy = policy;
		this.postman = postman;
		this.publicUrl = publicUrl;
		this.audit = audit;
		this.clock = clock;
		this.validity = validity;
	}

	@Transactional
	public void requestReset(String email) {
		Optional<User> account = this.users.findUserByEmail(EmailAddress.normalize(email)).filter(User::isActive);
		account.ifPresent((user) -> {
			RandomToken token = this.tokens.issue(user.id(), EmailToken.Purpose.RESET_PASSWORD, user.email(),
					this.validity);
			this.postman.send(new OutgoingMail(user.email(), "Reset your Aventian password",
					"Hello " + user.displayName() + ",\n\n"
							+ "Someone, hopefully you, asked to reset the password of your Aventian account.\n"
							+ "Choose a new password here:\n"
							+ this.publicUrl.of("/password/reset", "token", token.value()) + "\n\n"
							+ "The link works once and expires in " + SignUpService.hours(this.validity) + ".\n"
							+ "If you did not ask for this, ignore this mail: your password stays as it is."));
		});
	}

	TokenCheck check(String token) {
		return this.tokens.check(EmailToken.Purpose.RESET_PASSWORD, token);
	}

	/** The account a valid link resets, for scoring the new password against its e-mail and name. */
	Optional<User> accountOf(TokenCheck check) {
		return check.isValid() ? this.users.findUserById(check.token().userId()) : Optional.empty();
	}

	/**
	 * Sets the new password if the link is still good and the password passes the policy. The caller
	 * then ends the account's sessions (they live in Redis, outside this transaction).
	 */
	@Transactional
	public ResetResult reset(String token, String newPassword) {
		TokenCheck check = check(token);
		User user = accountOf(check).orElse(null);
		if (user == null) {
			return ResetResult.failed(check.state());
		}
		Optional<String> problem = this.policy.problemWith(newPassword, user.email(), user.displayName());
		if (problem.isPresent()) {
			return ResetResult.weak(problem.get());
		}
		// the user row first, then its links: the order every change of both keeps, so none deadlocks
		this.users.findUserByIdForUpdate(user.id());
		if (!this.tokens.use(check.token())) {
			return ResetResult.failed(TokenCheck.State.USED);
		}
		this.users.updatePasswordHash(user.id(), this.passwordEncoder.encode(newPassword), this.clock.instant());
		// links asked for by whoever knew the old password (an e-mail change, an identity link) die with it
		this.tokens.endAllOpenLinks(user.id());
		this.audit.record(AuditEntry.of(user.id(), user.email(), "PASSWORD_RESET", "user", user.id()));
		this.postman.send(new OutgoingMail(user.email(), "Your Aventian password was changed",
				"Hello " + user.displayName() + ",\n\n"
						+ "The password of your Aventian account was just reset, every session of the account was signed out "
						+ "and every link we had mailed for it stopped working.\n\n" + this.profiles.signInMethods(user.id()) + "\n"
						+ "If this was not you, reset it again at once: " + this.publicUrl.of("/password/forgot") + "\n"
						+ "and tell your administrator."));
		return ResetResult.done(user);
	}

	/** How a reset went: done for a user, refused for a weak password, or a link that does not work. */
	public record ResetResult(TokenCheck.State linkState, String passwordProblem, User user) {

		static ResetResult done(User user) {
			return new ResetResult(TokenCheck.State.VALID, null, user);
		}

		static ResetResult weak(String problem) {
			return new ResetResult(TokenCheck.State.VALID, problem, null);
		}

		static ResetResult failed(TokenCheck.State state) {
			return new ResetResult(state, null, null);
		}

		boolean isDone() {
			return this.user != null;
		}

	}

}
