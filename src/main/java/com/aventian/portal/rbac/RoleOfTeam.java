package com.aventian.portal.rbac;

import java.util.Set;
import java.util.UUID;

import com.aventian.portal.team.TeamRole;

/** A role of a team with its privileges and flags; {@code productId} set for a copy of a product's template. */
public record RoleOfTeam(UUID id, String name, String description, boolean invitationDefault, UUID productId,
		boolean system, boolean visible, Set<String> privileges) {

	public RoleOfTeam {
		privileges = Set.copyOf(privileges);
	}

	/**
	 * Whether the actor may give this role, team-wide ({@code resourceId} null) or narrowed to one
	 * resource: never a system role from a team page, and only if the actor holds every privilege of the
	 * role team-wide or on that same resource. A non-member gives nothing, not even a role without privileges.
	 */
	public boolean givableBy(EffectivePrivileges actor, UUID resourceId) {
		return actor.member() && !this.system && this.visible && this.privileges.stream().allMatch((code) -> actor.can(code, resourceId));
	}

	public TeamRole teamRole() {
		return new TeamRole(this.id, this.name, this.description, this.invitationDefault);
	}

}
