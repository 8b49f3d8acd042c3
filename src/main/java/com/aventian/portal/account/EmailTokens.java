package com.aventian.portal.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

	private RandomToken issue(UUID userId, EmailToken.Purpose purpose, String email, Duration validity,
			ExternalSignIn identity) {
		Instant now = this.clock.instant();
		this.tokens.updateOpenTokensUsed(userId, purpose, now);
		RandomToken token = RandomToken.generate();
		this.tokens.insertToken(new EmailToken(UUID.randomUUID(), userId, purpose, email, token.hash(), now,
				now.plus(validity), null, identity == null ? null : identity.issuer(),
				identity == null ? null : identity.subject()));
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

	void endOpenLinks(UUID userId, EmailToken.Purpose purpose) {
		this.tokens.updateOpenTokensUsed(userId, purpose, this.clock.instant());
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

}
