package com.aventian.portal.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A single-use link sent by e-mail; only the hash of its secret is kept. A verification link also carries
 * the password hash and name of the sign-up that sent it; a link-identity link the identity to attach.
 */
record EmailToken(UUID id, UUID userId, EmailToken.Purpose purpose, String email, byte[] tokenHash, Instant createdAt,
		Instant expiresAt, Instant usedAt, String linkIssuer, String linkSubject, String passwordHash,
		String displayName) {

	enum Purpose {

		VERIFY_EMAIL, RESET_PASSWORD, CHANGE_EMAIL, LINK_IDENTITY

	}

}
