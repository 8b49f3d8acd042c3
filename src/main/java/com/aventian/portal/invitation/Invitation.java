package com.aventian.portal.invitation;

import java.time.Instant;
import java.util.UUID;

/** An invitation to a team, as stored; its token is known only by its hash. */
public record Invitation(UUID id, UUID teamId, String email, UUID roleId, byte[] tokenHash, String status,
		UUID invitedBy, Instant createdAt, Instant expiresAt, Instant acceptedAt, UUID acceptedBy) {

	boolean isPending() {
		return "PENDING".equals(this.status);
	}

}
