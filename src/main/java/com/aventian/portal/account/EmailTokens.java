package com.aventian.portal.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.shared.security.RandomToken;

import org.springframework.stereotype.Component;

/** Issues and checks the single-use links of accounts. Runs inside its callers' transactions. */
@Component
class EmailTokens {

	private final EmailTokenMapper tokens;

	private final Clock clock;

	EmailTokens(EmailTokenMapper tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	/** A new link for the user; earlier open links of the same purpose stop working. */
	RandomToken issue(UUID userId, EmailToken.Purpose purpose, String email, Duration validity) {
		return issue(userId, purpose, email, validity, null);
	}

	/** A link that, once opened, attaches the external identity to the user. */
	RandomToken issueLink(UUID userId, String email, ExternalSignIn identity, Duration validity) {
		return issue(userId, EmailToken.Purpose.LINK_IDENTITY, email, validity, identity);
	}

	/**
	 * A verification link carrying the password hash and name of the sign-up that sent it. Earlier
	 * verification links stay open: each carries its own sign-up, and whichever the mailbox's owner opens
	 * decides the account (then {@link #endAllOpenLinks} ends the others). Ending them here would let a
	 * squatter who signs up again kill the owner's link.
	 */
	IssuedLink issueVerification(UUID userId, String email, String passwordHash, String displayName,
			Duration validity) {
		Instant now = this.clock.instant();
		RandomToken token = RandomToken.generate();
		UUID id = UUID.randomUUID();
		this.tokens.insertToken(new EmailToken(id, userId, EmailToken.Purpose.VERIFY_EMAIL, email,
				token.hash(), now, now.plus(validity), null, null, null, passwordHash, displayName));
		return new IssuedLink(id, token);
	}

	/** Whether more than one sign-up of the user waits for its link, so a link opened elsewhere cannot say whose the account is. */
	boolean severalSignUpsWait(UUID userId) {
		return this.tokens.countOpenSignUps(userId, this.clock.instant()) > 1;
	}

	/** The user's verification link with this id while it is still open (not used, not expired). */
	Optional<EmailToken> openVerification(UUID id, UUID userId) {
		return this.tokens.findTokenById(id)
			.filter((token) -> token.purpose() == EmailToken.Purpose.VERIFY_EMAIL && token.userId().equals(userId))
			.filter((token) -> stateOf(token).isValid());
	}

	private RandomToken issue(UUID userId, EmailToken.Purpose purpose, String email, Duration validity,
			ExternalSignIn identity) {
		Instant now = this.clock.instant();
		this.tokens.updateOpenTokensUsed(userId, purpose, now);
		RandomToken token = RandomToken.generate();
		this.tokens.insertToken(new EmailToken(UUID.randomUUID(), userId, purpose, EmailAddress.normalize(email),
				token.hash(), now, now.plus(validity), null, identity == null ? null : identity.issuer(),
				identity == null ? null : identity.subject(), null, null));
		return token;
	}

	/** What a presented link is worth, without using it. */
	TokenCheck check(EmailToken.Purpose purpose, String presented) {
		if (presented == null || presented.isBlank() || presented.length() > 100) {
			return TokenCheck.invalid();
		}
		return this.tokens.findTokenByHash(purpose, RandomToken.hashOf(presented))
			.map(this::stateOf)
			.orElseGet(TokenCheck::invalid);
	}

	/** Uses a valid link; false when another request used it first. */
	boolean use(EmailToken token) {
		return this.tokens.updateTokenUsed(token.id(), this.clock.instant()) == 1;
	}

	/** Ends every open link of the user: after a verification, a password reset or change, a disabling. */
	void endAllOpenLinks(UUID userId) {
		this.tokens.updateAllOpenTokensUsed(userId, this.clock.instant());
	}

	private TokenCheck stateOf(EmailToken token) {
		if (token.usedAt() != null) {
			return new TokenCheck(TokenCheck.State.USED, token);
		}
		if (!token.expiresAt().isAfter(this.clock.instant())) {
			return new TokenCheck(TokenCheck.State.EXPIRED, token);
		}
		return new TokenCheck(TokenCheck.State.VALID, token);
	}

	/** A link just issued: its row's id (for the browser that asked for it) and its secret (for the mail). */
	record IssuedLink(UUID id, RandomToken token) {
	}

}
