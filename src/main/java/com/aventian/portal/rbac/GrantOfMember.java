package com.aventian.portal.rbac;

import java.util.UUID;

/** One role a member holds in a team, team-wide ({@code resourceId} null) or narrowed to one resource. */
public record GrantOfMember(UUID id, UUID userId, UUID roleId, String roleName, boolean system, boolean visible,
		UUID resourceId, String resourceType, String resourceName) {

	public boolean teamWide() {
		return this.resourceId == null;
	}

	/** "Editor" for a team-wide grant, "Sales on contact 'ACME'" for a scoped one. */
	public String label() {
		return teamWide() ? this.roleName : this.roleName + " on " + this.resourceType + " '" + this.resourceName + "'";
	}

}
