package com.aventian.portal.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;

import org.springframework.beans.factory.annotation.Value;
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

	private final String bootstrapAdminEmail;

	AccountService(UserMapper users, PasswordEncoder passwordEncoder, AuditLog audit, Clock clock,
			@Value("${aventian.bootstrap.admin-email:}") String bootstrapAdminEmail) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.clock = clock;
		this.bootstrapAdminEmail = bootstrapAdminEmail.strip();
	}

	/**
	 * What a verified sign-in changes: the bootstrap admin e-mail ({@code aventian.bootstrap.admin-email})
	 * becomes a platform admin the first time it signs in verified. Returns the account as it is now.
	 */
	@Transactional
	public User afterVerifiedSignIn(User user) {
		if (user.emailVerifiedAt() != null && !user.platformAdmin() && !this.bootstrapAdminEmail.isEmpty()
				&& this.bootstrapAdminEmail.equalsIgnoreCase(user.email())) {
			this.users.updatePlatformAdmin(user.id(), true, this.clock.instant());
			this.audit.record(AuditEntry.of(user.id(), user.email(), "PLATFORM_ADMIN_GRANTED", "user", user.id())
				.withDetails(Map.of("via", "bootstrap")));
			return this.users.findUserById(user.id()).orElseThrow();
		}
		return user;
	}

	public Optional<User> findUser(UUID id) {
		return this.users.findUserById(id);
	}

	public Optional<User> findUserByIdentity(String issuer, String subject) {
		return this.users.findUserByIdentity(issuer, subject);
	}

	public Optional<User> findUserByEmail(String email) {
		return this.users.findUserByEmail(email);
	}

	/** Creates a user whose e-mail is already verified (platform-created accounts such as demo data). */
	@Transactional
	public User createVerifiedUser(String email, String displayName, String rawPassword) {
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), email.strip(), displayName.strip(),
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
		User user = new User(UUID.randomUUID(), email, displayName.strip(), this.passwordEncoder.encode(rawPassword), now,
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
			return known.get();
		}
		if (signIn.email() == null || !signIn.emailVerified()) {
			throw new ExternalSignInRefusedException(ExternalSignInRefusedException.Reason.NO_VERIFIED_EMAIL);
		}
		if (this.users.findUserByEmail(signIn.email()).isPresent()) {
			throw new ExternalSignInRefusedException(ExternalSignInRefusedException.Reason.EMAIL_BELONGS_TO_ACCOUNT);
		}
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), signIn.email(), signIn.displayName(), null, now, false, "ACTIVE", null,
				null, now);
		this.users.insertUser(user);
		this.users.insertIdentity(
				new Identity(UUID.randomUUID(), user.id(), signIn.issuer(), signIn.subject(), signIn.email(), now));
		this.audit.record(AuditEntry.of(user.id(), user.email(), "USER_CREATED", "user", user.id())
			.withDetails(Map.of("via", "oidc", "issuer", signIn.issuer())));
		return user;
	}

}
