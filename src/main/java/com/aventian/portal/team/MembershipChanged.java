package com.aventian.portal.team;

import java.util.UUID;

/**
 * A member's privileges in a team shrank or ended ({@code change} is the audit action: ROLE_CHANGED,
 * MEMBER_REMOVED, MEMBER_LEFT, OWNERSHIP_TRANSFERRED). Published inside the change's transaction, so
 * what listeners write commits or rolls back with it.
 */
public record MembershipChanged(UUID teamId, UUID userId, String change, UUID actorId, String actorEmail) {
}
