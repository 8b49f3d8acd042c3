package com.aventian.portal.rbac;

import java.util.UUID;

/**
 * One privilege a member holds through one of their role grants ({@code tbl_user_roles} row), with the
 * grant's scope: {@code resourceId} null means team-wide, else the grant counts only for that resource.
 * {@code system}/{@code visible} are the role's flags: team pages never show an invisible role.
 */
public record Grant(UUID userRoleId, UUID roleId, String roleName, boolean system, boolean visible, String privilege,
		UUID resourceId, String resourceType, String resourceName) {

	public boolean teamWide() {
		return this.resourceId == null;
	}

	/** Whether this grant gives {@code code} for a check naming {@code resource} (null: a team-wide check). */
	public boolean gives(String code, UUID resource) {
		return this.privilege.equals(code) && (teamWide() || this.resourceId.equals(resource));
	}

	/** The grant's scope in words: "team-wide", or "on contact 'ACME'". */
	public String scope() {
		return teamWide() ? "team-wide" : "on " + this.resourceType + " '" + this.resourceName + "'";
	}

	/** "Role Editor (team-wide)"; an invisible system role is not named, as no team page names it. */
	String roleInWords() {
		String role = this.visible ? "Role " + this.roleName : "A platform system role";
		return role + " (" + scope() + ")";
	}

}
