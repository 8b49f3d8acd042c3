package com.aventian.portal.invitation;

import java.time.Instant;
import java.util.UUID;

public record InvitationEvent(UUID invitationId, String event, Instant occurredAt) {
}
