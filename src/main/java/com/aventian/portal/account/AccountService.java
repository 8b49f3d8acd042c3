package com.aventian.portal.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creating users, finding them, and the external identities they sign in with. */
@Service
public class AccountService {

	private final UserMapper users;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final Clock clock;

	private final EmailTokens tokens;

	private final SessionControl sessionControl;

	private final DisabledAccounts disabledAccounts;

	private final ApplicationEventPublisher events;

	private final String bootstrapAdminEmail;

	AccountService(UserMapper users, PasswordEncoder passwordEncoder, AuditLog audit, Clock clock, EmailTokens tokens,
			SessionControl sessionControl, DisabledAccounts disabledAccounts, ApplicationEventPublisher events,
			@Value("${aventian.bootstrap.admin-email:}") String bootstrapAdminEmail) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.clock = clock;
		this.tokens = tokens;
		this.sessionControl = sessionControl;
		this.disabledAccounts = disabledAccounts;
		this.events = events;
		this.bootstrapAdminEmail = EmailAddress.normalize(bootstrapAdminEmail);
	}

	/**
	 * What a verified sign-in changes: the bootstrap admin e-mail ({@code aventian.bootstrap.admin-email})
	 * becomes a platform admin the first time it signs in verified. Returns the account as it is now.
	 */
	@Transactional
	public User afterVerifiedSignIn(User user) {
		if (user.emailVerifiedAt() != null && !user.platformAdmin() && isBootstrapAdmin(user.email())) {
			this.users.updatePlatformAdmin(user.id(), true, this.clock.instant());
			this.audit.record(AuditEntry.of(user.id(), user.email(), "PLATFORM_ADMIN_GRANTED", "user", user.id())
				.withDetails(Map.of("via", "bootstrap")));
			return this.users.findUserById(user.id()).orElseThrow();
		}
		return user;
	}

	/** Whether this is the bootstrap admin e-mail, the one account {@link #afterVerifiedSignIn} may change. */
	public boolean isBootstrapAdmin(String email) {
		return !this.bootstrapAdminEmail.isEmpty() && this.bootstrapAdminEmail.equals(EmailAddress.normalize(email));
	}

	public Optional<User> findUser(UUID id) {
		return this.users.findUserById(id);
	}

	public Optional<User> findUserByIdentity(String issuer, String subject) {
		return this.users.findUserByIdentity(issuer, subject);
	}

	public Optional<User> findUserByEmail(String email) {
		return this.users.findUserByEmail(EmailAddress.normalize(email));
	}

	/**
	 * Disables the account: it is refused at every door from now on, its open links end, and so do its
	 * sessions (ended through the principal index; the Redis mark refuses any that escaped). Only a
	 * platform admin may do it.
	 */
	@Transactional
	public void disable(UUID userId, UUID actorId) {
		User actor = platformAdmin(actorId);
		User user = this.users.findUserById(userId).orElseThrow(AccountGoneException::new);
		// marked before the sessions end and before commit: a sign-in racing with this is refused too
		this.disabledAccounts.mark(userId);
		this.users.updateStatus(userId, "DISABLED", this.clock.instant());
		this.tokens.endAllOpenLinks(userId);
		this.audit.record(AuditEntry.of(actor.id(), actor.email(), "USER_DISABLED", "user", userId)
			.withDetails(Map.of("email", user.email())));
		this.events.publishEvent(new AccountStatusChanged(userId));
		this.sessionControl.endAll(userId);
	}

	/** Lets a disabled account in again; only a platform admin may do it. */
	@Transactional
	public void enable(UUID userId, UUID actorId) {
		User actor = platformAdmin(actorId);
		User user = this.users.findUserById(userId).orElseThrow(AccountGoneException::new);
		this.users.updateStatus(userId, "ACTIVE", this.clock.instant());
		this.audit.record(AuditEntry.of(actor.id(), actor.email(), "USER_ENABLED", "user", userId)
			.withDetails(Map.of("email", user.email())));
		this.events.publishEvent(new AccountStatusChanged(userId));
		this.disabledAccounts.unmark(userId);
	}

	private User platformAdmin(UUID actorId) {
		return this.users.findUserById(actorId)
			.filter((actor) -> actor.platformAdmin() && actor.isActive())
			.orElseThrow(() -> new AccessDeniedException("Only a platform admin disables or enables accounts"));
	}

	/** Creates a user whose e-mail is already verified (platform-created accounts such as demo data). */
	@Transactional
	public User createVerifiedUser(String email, String displayName, String rawPassword) {
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), EmailAddress.normalize(email), displayName.strip(),
				rawPassword == null ? null : this.passwordEncoder.encode(rawPassword), now, false, "ACTIVE", null, null,
				now);
		this.users.insertUser(user);
		this.audit.record(AuditEntry.of(user.id(), user.email(), "USER_CREATED", "user", user.id())
			.withDetails(Map.of("via", "platform")));
		return user;
	}

	/** An account made while accepting an invitation: the link proved the e-mail, the terms were accepted. */
	@Transactional
	public User createInvitedUser(String email, String displayName, String rawPassword) {
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), EmailAddress.normalize(email), displayName.strip(),
				this.passwordEncoder.encode(rawPassword), now,
				false, "ACTIVE", now, null, now);
		this.users.insertUser(user);
		this.audit.record(AuditEntry.of(user.id(), user.email(), "USER_CREATED", "user", user.id())
			.withDetails(Map.of("via", "invitation")));
		return user;
	}

	@Transactional
	public void grantPlatformAdmin(UUID userId) {
		this.users.updatePlatformAdmin(userId, true, this.clock.instant());
		this.audit.record(AuditEntry.of(userId, null, "PLATFORM_ADMIN_GRANTED", "user", userId));
	}


	/**
	 * The user behind an OIDC sign-in. A known identity signs in its user. An unknown one creates a new
	 * user, unless the e-mail already belongs to an account: that account must prove itself before an
	 * identity is linked to it, so this refuses rather than link silently.
	 */
	@Transactional
	public User signInWithIdentity(ExternalSignIn signIn) {
		Optional<User> known = this.users.findUserByIdentity(signIn.issuer(), signIn.subject());
		if (known.isPresent()) {
			if (!known.get().isActive()) {
				throw new ExternalSignInRefusedException(ExternalSignInRefusedException.Reason.ACCOUNT_DISABLED);
			}
			return known.get();
		}
		if (signIn.email() == null || !signIn.emailVerified()) {
			throw new ExternalSignInRefusedException(ExternalSignInRefusedException.Reason.NO_VERIFIED_EMAIL);
		}
		String email = EmailAddress.normalize(signIn.email());
		if (this.users.findUserByEmail(email).isPresent()) {
			throw new ExternalSignInRefusedException(ExternalSignInRefusedException.Reason.EMAIL_BELONGS_TO_ACCOUNT);
		}
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), email, signIn.displayName(), null, now, false, "ACTIVE", null,
				null, now);
		this.users.insertUser(user);
		this.users.insertIdentity(
				new Identity(UUID.randomUUID(), user.id(), signIn.issuer(), signIn.subject(), signIn.email(), now));
		this.audit.record(AuditEntry.of(user.id(), user.email(), "USER_CREATED", "user", user.id())
			.withDetails(Map.of("via", "oidc", "issuer", signIn.issuer())));
		return user;
	}

}
