package com.aventian.portal.rbac;

import java.util.List;

/**
 * A team's roles with their privileges, read as one JSON array inside another statement: the members page's query
 * carries them (issue 10), so a viewer who may assign roles gets the picker's roles without a statement of their own.
 * The same roles, in the same order, as {@link RoleAssignments#roles} reads alone.
 */
public record RolesOfTeam(List<RoleOfTeam> roles) {

	public static final RolesOfTeam NONE = new RolesOfTeam(List.of());

	public RolesOfTeam {
		roles = List.copyOf(roles);
	}

	/** The roles the actor may give team-wide: {@link RoleAssignments#givableBy}'s rule, on roles already read. */
	public List<RoleOfTeam> givableBy(EffectivePrivileges actor) {
		return this.roles.stream().filter((role) -> role.givableBy(actor, null)).toList();
	}

}
