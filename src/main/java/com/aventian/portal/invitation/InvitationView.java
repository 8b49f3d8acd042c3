package com.aventian.portal.invitation;

import java.time.Instant;
import java.util.UUID;

/** An invitation as pages show it: with the team, role and inviter named. */
public record InvitationView(UUID id, UUID teamId, String teamName, String email, String roleName, String status,
		String inviterName, String inviterEmail, Instant createdAt, Instant expiresAt) {
}
