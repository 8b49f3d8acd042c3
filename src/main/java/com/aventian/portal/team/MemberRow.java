package com.aventian.portal.team;

import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.rbac.GrantsOfMember;

/**
 * A member as the members page lists them, with their visible grants (scoped ones included). {@code roleId} is their first team-wide role (the one the
 * role picker shows); {@code owner} means they hold {@code team.delete}, the privilege only owners have.
 */
public record MemberRow(UUID userId, String displayName, String email, UUID roleId, String roleNames,
		Instant joinedAt, Instant lastActiveAt, int version, GrantsOfMember grants, boolean owner) {
}
