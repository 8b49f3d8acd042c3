package com.aventian.portal.rbac;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * What one member or every member of a team may do could have changed (a grant, a role's privileges, a
 * resource of the team, a subscription): published inside the changing transaction, so the cached
 * privileges ({@link RoleCache}) are invalidated before it commits and evicted after. {@code userIds}
 * empty means every member of the team. {@code team.MembershipChanged}, {@code team.TeamDeleted} and
 * {@code team.TeamRenamed} have the same effect.
 */
public record PrivilegesChanged(UUID teamId, Set<UUID> userIds) {

	public PrivilegesChanged {
		userIds = Set.copyOf(userIds);
	}

	public static PrivilegesChanged ofMembers(UUID teamId, Collection<UUID> userIds) {
		return new PrivilegesChanged(teamId, Set.copyOf(userIds));
	}

	public static PrivilegesChanged ofTeam(UUID teamId) {
		return new PrivilegesChanged(teamId, Set.of());
	}

}
