package com.aventian.portal.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.mail.OutgoingMail;
import com.aventian.portal.mail.Postman;
import com.aventian.portal.shared.security.RandomToken;
import com.aventian.portal.shared.web.PublicUrl;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up and e-mail verification. Signing up with an e-mail that has an account looks exactly like a
 * new sign-up to the person at the keyboard; the mail goes to the account's owner instead.
 */
@Service
public class SignUpService {

	private final UserMapper users;

	private final EmailTokens tokens;

	private final PasswordEncoder passwordEncoder;

	private final Postman postman;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration validity;

	private final PasswordResetService resets;

	private final ApplicationEventPublisher events;

	SignUpService(UserMapper users, EmailTokens tokens, PasswordEncoder passwordEncoder, Postman postman,
			PublicUrl publicUrl, AuditLog audit, Clock clock,
			@Value("${aventian.links.verification-validity}") Duration validity, PasswordResetService resets,
			ApplicationEventPublisher events) {
		this.events = events;
		this.resets = resets;
		this.users = users;
		this.tokens = tokens;
		this.passwordEncoder = passwordEncoder;
		this.postman = postman;
		this.publicUrl = publicUrl;
		this.audit = audit;
		this.clock = clock;
		this.validity = validity;
	}

	/**
	 * Creates the account and mails a verification link, or mails the owner of an existing one. The
	 * password is hashed first, whatever the e-mail, so a taken e-mail costs the same hash work as a free
	 * one. A sign-up for an e-mail whose account is not verified yet mails a link that carries this
	 * sign-up's password and name: whoever opens a link proves the mailbox and decides the account.
	 * Returns the account this sign-up may verify and the id of its link (empty for a verified one), which
	 * the caller keeps in the browser's session and must not reveal.
	 */
	@Transactional
	public Optional<PendingSignUp> signUp(SignUpForm form) {
		String email = EmailAddress.normalize(form.email());
		String passwordHash = this.passwordEncoder.encode(form.password());
		String displayName = form.displayName().strip();
		Optional<User> existing = this.users.findUserByEmail(email);
		if (existing.isPresent()) {
			User owner = existing.get();
			if (owner.emailVerifiedAt() == null && owner.isActive()) {
				return Optional.of(new PendingSignUp(owner.id(), sendVerification(owner, passwordHash, displayName)));
			}
			this.postman.send(new OutgoingMail(owner.email(), "You already have an Aventian account",
					"Someone, perhaps you, tried to sign up for Aventian with this e-mail address.\n\n"
							+ "You already have an account. Sign in: " + this.publicUrl.of("/login") + "\n"
							+ "Forgot your password? Reset it: " + this.publicUrl.of("/password/forgot") + "\n\n"
							+ "If it was not you, you can ignore this mail: nothing has changed."));
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), email, displayName, passwordHash, null, false, "ACTIVE", now, null, now);
		this.users.insertUser(user);
		this.audit.record(AuditEntry.of(user.id(), user.email(), "USER_CREATED", "user", user.id())
			.withDetails(Map.of("via", "sign-up", "termsAcceptedAt", now.toString())));
		return Optional.of(new PendingSignUp(user.id(), sendVerification(user, passwordHash, displayName)));
	}

	/** A new link for the signed-in, unverified person: it carries the password they signed in with. */
	@Transactional
	public void resendVerification(UUID userId) {
		this.users.findUserById(userId)
			.filter((user) -> user.emailVerifiedAt() == null && user.isActive())
			.ifPresent((user) -> sendVerification(user, user.passwordHash(), user.displayName()));
	}

	TokenCheck checkVerification(String token) {
		return this.tokens.check(EmailToken.Purpose.VERIFY_EMAIL, token);
	}

	/**
	 * Uses a verification link: the account's e-mail counts as verified from now on, with the password and
	 * name of the sign-up that sent this link, and every other open link of the account ends. The caller
	 * ends the account's other sessions (they live in Redis, outside this transaction).
	 * <p>
	 * {@code ownLink} is the link of the sign-up made in the browser that opens this one, if it made one.
	 * When the two differ and that sign-up's link is still open, its password and name count: whoever opens
	 * a link in the browser they signed up in proves the mailbox <em>and</em> typed that password, while the
	 * link they opened may carry a squatter's, sent by signing up again so that it is the newest in the inbox.
	 */
	@Transactional
	public VerificationResult verify(String token, Optional<UUID> ownLink) {
		TokenCheck check = checkVerification(token);
		if (!check.isValid()) {
			return new VerificationResult(check.state(), null);
		}
		EmailToken link = check.token();
		Instant now = this.clock.instant();
		// one link wins: the user row is locked first, so a second link waits, then finds the account verified
		boolean unverified = this.users.findUserByIdForUpdate(link.userId())
			.filter((user) -> user.emailVerifiedAt() == null)
			.isPresent();
		if (!unverified) {
			return new VerificationResult(TokenCheck.State.USED, null);
		}
		// the browser's own sign-up decides when it is still open; away from it, a link is trusted with its
		// password only when it is the one sign-up waiting (a squatter's later sign-up mails the owner too)
		Optional<EmailToken> own = ownLink
			.flatMap((id) -> id.equals(link.id()) ? Optional.of(link) : this.tokens.openVerification(id, link.userId()));
		boolean contested = own.isEmpty() && this.tokens.severalSignUpsWait(link.userId());
		if (!this.tokens.use(link)) {
			return new VerificationResult(TokenCheck.State.USED, null);
		}
		this.users.updateEmailVerified(link.userId(), now, now);
		EmailToken chosen = own.orElse(link);
		if (contested) {
			this.users.updatePasswordHash(link.userId(), null, now);
		}
		else if (chosen.passwordHash() != null) {
			this.users.updatePasswordHash(link.userId(), chosen.passwordHash(), now);
			this.users.updateDisplayName(link.userId(), chosen.displayName(), now);
			this.events.publishEvent(new AccountDetailsChanged(link.userId()));
		}
		this.tokens.endAllOpenLinks(link.userId());
		User user = this.users.findUserById(link.userId()).orElseThrow();
		if (contested) {
			// after the other links ended, so this one stays open: the mailbox just proved itself
			this.resets.requestReset(user.email());
		}
		this.audit.record(AuditEntry.of(user.id(), user.email(), "EMAIL_VERIFIED", "user", user.id())
			.withDetails(Map.of("password", contested ? "none: several sign-ups, a reset was mailed" : "from the sign-up")));
		return new VerificationResult(TokenCheck.State.VALID, user, contested);
	}

	private UUID sendVerification(User user, String passwordHash, String displayName) {
		EmailTokens.IssuedLink link = this.tokens.issueVerification(user.id(), user.email(), passwordHash, displayName,
				this.validity);
		RandomToken token = link.token();
		this.postman.send(new OutgoingMail(user.email(), "Verify your e-mail for Aventian",
				"Hello " + displayName + ",\n\n"
						+ "Open this link to verify your e-mail address and finish creating your account:\n"
						+ this.publicUrl.of("/verify-email/confirm", "token", token.value()) + "\n\n"
						+ "The link works once and expires in " + hours(this.validity) + ".\n"
						+ "If you did not sign up for Aventian, ignore this mail."));
		return link.id();
	}

	static String hours(Duration duration) {
		long hours = duration.toHours();
		return (hours >= 1) ? hours + (hours == 1 ? " hour" : " hours") : duration.toMinutes() + " minutes";
	}

	/** A sign-up waiting for its link: the account and the id of the link mailed for this sign-up. */
	public record PendingSignUp(UUID userId, UUID linkId) {
	}

	/** The outcome of a verification link: the verified user, or why the link did not work. */
	public record VerificationResult(TokenCheck.State state, User user, boolean passwordToChoose) {

		VerificationResult(TokenCheck.State state, User user) {
			this(state, user, false);
		}

		boolean verified() {
			return this.state == TokenCheck.State.VALID;
		}

	}

}
