package com.aventian.portal.team;

import java.util.UUID;

/**
 * The team gained or lost a member (joined, removed, left): published inside the change's transaction, so what
 * every member was told of the team's member count (cached with their privileges, {@code rbac.RoleCache}, for team
 * home) is invalidated before it commits.
 */
public record MemberCountChanged(UUID teamId) {
}
