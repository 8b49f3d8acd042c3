package com.aventian.portal.apikey;

import java.time.Instant;
import java.util.UUID;

/** A product's API key as the admin page shows it: never the secret, only the prefix that recognises it. */
public record ApiKey(UUID id, UUID productId, String name, String prefix, Instant createdAt, Instant expiresAt,
		Instant lastUsedAt, Instant revokedAt) {

	public enum Status {

		ACTIVE, EXPIRED, REVOKED

	}

	public Status statusAt(Instant now) {
		if (this.revokedAt != null) {
			return Status.REVOKED;
		}
		return (this.expiresAt != null && !this.expiresAt.isAfter(now)) ? Status.EXPIRED : Status.ACTIVE;
	}

}
