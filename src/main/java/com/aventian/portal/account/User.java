package com.aventian.portal.account;

import java.time.Instant;
import java.util.UUID;

/** A person with an account on the portal. */
public record User(UUID id, String email, String displayName, String passwordHash, Instant emailVerifiedAt,
		boolean platformAdmin, String status, Instant termsAcceptedAt, UUID lastTeamId, Instant createdAt) {

	public boolean hasPassword() {
		return this.passwordHash != null;
	}

	public boolean isActive() {
		return "ACTIVE".equals(this.status);
	}

}
