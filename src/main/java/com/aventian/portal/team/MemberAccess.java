package com.aventian.portal.team;

import java.util.Set;

import com.aventian.portal.rbac.EffectivePrivileges;

/** What the team gate loads for a member, in one query: the team, and the member's grants in it. */
public record MemberAccess(Team team, EffectivePrivileges effective) {

	/** The privileges the member holds team-wide, which is what a team page's check asks for. */
	public Set<String> privileges() {
		return this.effective.teamWide();
	}

}
