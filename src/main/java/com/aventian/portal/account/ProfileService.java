package com.aventian.portal.account;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.mail.OutgoingMail;
import com.aventian.portal.mail.Postman;
import com.aventian.portal.shared.security.RandomToken;
import com.aventian.portal.shared.web.PublicUrl;
import com.aventian.portal.throttle.Throttle;
import com.aventian.portal.throttle.ThrottledAction;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A person's own account: name, e-mail (changed only after the new address proves itself by a link),
 * password, and the external identities they sign in with.
 */
@Service
public class ProfileService {

	private final UserMapper users;

	private final EmailTokens tokens;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy policy;

	private final Postman postman;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration validity;

	private final CurrentPassword currentPassword;

	private final TransactionOperations transaction;

	private final Throttle throttle;

	private final ApplicationEventPublisher events;

	ProfileService(UserMapper users, EmailTokens tokens, PasswordEncoder passwordEncoder, PasswordPolicy policy,
			Postman postman, PublicUrl publicUrl, AuditLog audit, Clock clock,
			@Value("${aventian.links.verification-validity}") Duration validity, CurrentPassword currentPassword,
			TransactionOperations transaction, Throttle throttle, ApplicationEventPublisher events) {
		this.events = events;
		this.currentPassword = currentPassword;
		this.throttle = throttle;
		this.transaction = transaction;
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

	public User user(UUID userId) {
		return this.users.findUserById(userId).orElseThrow(AccountGoneException::new);
	}

	public List<Identity> identities(UUID userId) {
		return this.users.findIdentities(userId);
	}

	@Transactional
	public void rename(UUID userId, String displayName) {
		User user = user(userId);
		this.users.updateDisplayName(userId, displayName.strip(), this.clock.instant());
		this.events.publishEvent(new AccountDetailsChanged(userId));
		this.audit.record(AuditEntry.of(userId, user.email(), "PROFILE_UPDATED", "user", userId)
			.withDetails(Map.of("from", user.displayName(), "to", displayName.strip())));
	}

	/**
	 * Starts an e-mail change after the current password proved the person (checked outside the transaction,
	 * so a wrong one still counts towards the lockout). The new address gets a link; if it belongs to another
	 * account, its owner is told instead, and the page answers the same. Counted per account and per address
	 * ({@code aventian.throttle.limits.change-email}): each request mails an address of the person's choosing
	 * with the account's name in it, so without a limit an account would be a way to mail strangers.
	 */
	public void requestEmailChange(UUID userId, String newEmail, String currentPassword, InetAddress client) {
		User user = user(userId);
		this.currentPassword.require(user, currentPassword, client, "currentPassword");
		this.throttle.attempt(ThrottledAction.CHANGE_EMAIL, EmailAddress.normalize(user.email()), client);
		String email = EmailAddress.normalize(newEmail);
		if (email.equals(EmailAddress.normalize(user.email()))) {
			throw new ProfileException("newEmail", "That is already your e-mail address.");
		}
		this.transaction.executeWithoutResult((status) -> mailEmailChange(user, email));
	}

	private void mailEmailChange(User user, String email) {
		Optional<User> owner = this.users.findUserByEmail(email);
		if (owner.isPresent()) {
			this.postman.send(new OutgoingMail(owner.get().email(), "Someone tried to use your e-mail on Aventian",
					"Someone signed in to another Aventian account tried to change its e-mail to this address.\n"
							+ "Nothing changed. If it was you, sign in with this address instead."));
			return;
		}
		RandomToken token = this.tokens.issue(user.id(), EmailToken.Purpose.CHANGE_EMAIL, email, this.validity);
		this.postman.send(new OutgoingMail(email, "Confirm your new e-mail for Aventian",
				"Hello " + user.displayName() + ",\n\nOpen this link to make " + email
						+ " the e-mail of your Aventian account:\n"
						+ this.publicUrl.of("/account/email/confirm", "token", token.value()) + "\n\n"
						+ "The link works once and expires in " + SignUpService.hours(this.validity) + "."));
		this.postman.send(new OutgoingMail(user.email(), "Your Aventian e-mail is about to change",
				"Hello " + user.displayName() + ",\n\nSomeone signed in to your account asked to change its e-mail to " + email
						+ ".\nIt changes only once that address confirms. If it was not you, change your password now: "
						+ this.publicUrl.of("/password/forgot")));
	}

	TokenCheck checkEmailChange(String token) {
		return this.tokens.check(EmailToken.Purpose.CHANGE_EMAIL, token);
	}

	/** Applies a confirmed e-mail change; the old address is told. */
	@Transactional
	public TokenCheck.State confirmEmailChange(String token) {
		TokenCheck check = checkEmailChange(token);
		if (!check.isValid()) {
			return check.state();
		}
		// the user row first, then its links: the order every change of both keeps, so none deadlocks
		User user = this.users.findUserByIdForUpdate(check.token().userId()).orElseThrow(AccountGoneException::new);
		if (!this.tokens.use(check.token())) {
			return TokenCheck.State.USED;
		}
		String email = check.token().email();
		try {
			this.users.updateEmail(user.id(), email, this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new ProfileException("newEmail", "That address now belongs to another account, so it cannot be yours.");
		}
		this.events.publishEvent(new AccountDetailsChanged(user.id()));
		this.audit.record(AuditEntry.of(user.id(), email, "EMAIL_CHANGED", "user", user.id())
			.withDetails(Map.of("from", user.email(), "to", email)));
		this.postman.send(new OutgoingMail(user.email(), "Your Aventian e-mail was changed",
				"Hello " + user.displayName() + ",\n\nThe e-mail of your Aventian account is now " + email
						+ ". If this was not you, tell your administrator at once."));
		return TokenCheck.State.VALID;
	}

	/**
	 * Changes the password after the current one proved the person. Every open link of the account ends
	 * (a pending e-mail change or identity link asked for by whoever knew the old password); the caller ends
	 * the other sessions (they live in Redis, outside this transaction). The mail lists the ways in that remain.
	 */
	public void changePassword(UUID userId, String currentPassword, String newPassword, InetAddress client) {
		User user = user(userId);
		this.currentPassword.require(user, currentPassword, client, "currentPassword");
		this.policy.problemWith(newPassword, user.email(), user.displayName()).ifPresent((problem) -> {
			throw new ProfileException("newPassword", problem);
		});
		String hash = this.passwordEncoder.encode(newPassword);
		this.transaction.executeWithoutResult((status) -> {
			this.users.updatePasswordHash(userId, hash, this.clock.instant());
			this.tokens.endAllOpenLinks(userId);
			this.audit.record(AuditEntry.of(userId, user.email(), "PASSWORD_CHANGED", "user", userId));
			this.postman.send(new OutgoingMail(user.email(), "Your Aventian password was changed",
					"Hello " + user.displayName() + ",\n\nThe password of your Aventian account was just changed, "
							+ "every other session of the account was signed out and every link we had mailed for it stopped working.\n\n"
							+ signInMethods(userId) + "\n"
							+ "If this was not you, reset it at once: " + this.publicUrl.of("/password/forgot")));
		});
	}

	/** The ways into the account, for the mails that tell its owner something changed. */
	String signInMethods(UUID userId) {
		StringBuilder methods = new StringBuilder("You can sign in to your account with:\n");
		if (user(userId).hasPassword()) {
			methods.append("- a password\n");
		}
		for (Identity identity : this.users.findIdentities(userId)) {
			methods.append("- ").append(identity.issuer()).append(" (").append(identity.email()).append(")\n");
		}
		return methods.toString();
	}

	/** Removes a linked identity while another way to sign in remains. */
	@Transactional
	public void unlink(UUID userId, UUID identityId) {
		User user = user(userId);
		List<Identity> identities = this.users.findIdentities(userId);
		Identity identity = identities.stream()
			.filter((candidate) -> candidate.id().equals(identityId))
			.findFirst()
			.orElseThrow(() -> new ProfileException("identities", "That sign-in method is not linked to your account."));
		if (!user.hasPassword() && identities.size() == 1) {
			throw new ProfileException("identities", "This is your only way to sign in, so it cannot be removed. "
					+ "Set a password first (use \"Forgot your password?\" on the sign-in page) or link another provider.");
		}
		this.users.deleteIdentity(userId, identity.id());
		this.audit.record(AuditEntry.of(userId, user.email(), "IDENTITY_UNLINKED", "user", userId)
			.withDetails(Map.of("issuer", identity.issuer())));
	}

	/** Links an external identity to the account once the person proved the account is theirs. */
	@Transactional
	public void link(User user, ExternalSignIn signIn) {
		this.users.insertIdentity(new Identity(UUID.randomUUID(), user.id(), signIn.issuer(), signIn.subject(),
				signIn.email(), this.clock.instant()));
		this.audit.record(AuditEntry.of(user.id(), user.email(), "IDENTITY_LINKED", "user", user.id())
			.withDetails(Map.of("issuer", signIn.issuer())));
	}

	/** Mails the account a link that attaches the waiting identity: the proof for an account without a password. */
	@Transactional
	public void mailLinkConfirmation(User user, ExternalSignIn identity) {
		RandomToken token = this.tokens.issueLink(user.id(), user.email(), identity, this.validity);
		this.postman.send(new OutgoingMail(user.email(), "Confirm the new sign-in method of your Aventian account",
				"Hello " + user.displayName() + ",\n\nSomeone signing in through " + identity.issuer()
						+ " asked to add it as a way into your Aventian account.\n"
						+ "If it was you, confirm here:\n" + this.publicUrl.of("/account/link/confirm", "token", token.value())
						+ "\n\nThe link works once and expires in " + SignUpService.hours(this.validity)
						+ ". If it was not you, ignore this mail: nothing changes."));
	}

	TokenCheck checkLinkConfirmation(String token) {
		return this.tokens.check(EmailToken.Purpose.LINK_IDENTITY, token);
	}

	/**
	 * Uses a link confirmation: the identity it names joins the account. Returns the account, or empty.
	 * Opening the mailed link proves the mailbox, so an account not verified yet is verified here, and the
	 * password it had goes: it was chosen at a sign-up nobody proved, perhaps by a squatter who signed up
	 * first with the owner's address, and the owner's next "resend verification" would otherwise carry it
	 * into the verified account. Its other open links end too; the caller ends its other sessions.
	 */
	@Transactional
	public Optional<LinkConfirmed> confirmLink(String token) {
		TokenCheck check = checkLinkConfirmation(token);
		if (!check.isValid()) {
			return Optional.empty();
		}
		// the user row first, then its links: the order every change of both keeps, so none deadlocks
		User user = this.users.findUserByIdForUpdate(check.token().userId()).orElseThrow(AccountGoneException::new);
		if (!this.tokens.use(check.token())) {
			return Optional.empty();
		}
		if (this.users.findUserByIdentity(check.token().linkIssuer(), check.token().linkSubject()).isEmpty()) {
			link(user, new ExternalSignIn(check.token().linkIssuer(), check.token().linkSubject(), user.email(), true,
					user.displayName()));
		}
		boolean mailboxProvedNow = user.emailVerifiedAt() == null;
		if (mailboxProvedNow) {
			Instant now = this.clock.instant();
			this.users.updateEmailVerified(user.id(), now, now);
			this.users.updatePasswordHash(user.id(), null, now);
			this.tokens.endAllOpenLinks(user.id());
			this.audit.record(AuditEntry.of(user.id(), user.email(), "EMAIL_VERIFIED", "user", user.id())
				.withDetails(Map.of("via", "identity-link", "passwordDiscarded", user.hasPassword())));
		}
		return Optional.of(new LinkConfirmed(user(user.id()), mailboxProvedNow));
	}

	/** A confirmed identity link: the account as it is now, and whether the link was the mailbox's first proof. */
	public record LinkConfirmed(User user, boolean mailboxProvedNow) {
	}

}
