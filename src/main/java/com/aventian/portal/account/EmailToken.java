package com.aventian.portal.account;

import java.time.Instant;
import java.util.UUID;

/** A single-use link sent by e-mail; only the hash of its secret is kept. */
record EmailToken(UUID id, UUID userId, EmailToken.Purpose purpose, String email, byte[] tokenHash, Instant createdAt,
		Instant expiresAt, Instant usedAt, String linkIssuer, String linkSubject) {

	enum Purpose {

		VERIFY_EMAIL, RESET_PASSWORD, CHANGE_EMAIL, LINK_IDENTITY

	}

}
