package com.aventian.portal.team;

import java.util.Set;
import java.util.UUID;

import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.rbac.EffectivePrivileges;

import org.springframework.stereotype.Component;

/**
 * Every team-scoped request starts here: a non-member gets 404 (the team's existence is not revealed),
 * a member without the privilege 403. The decision is {@link Authorization}'s, by privilege code.
 */
@Component
public class TeamAccess {

	private final Authorization authorization;

	private final TeamMapper teams;

	TeamAccess(Authorization authorization, TeamMapper teams) {
		this.authorization = authorization;
		this.teams = teams;
	}

	/**
	 * The team and the member's grants in it, read afresh (one query, never cached: a role change or
	 * removal counts from the very next request); throws 404 when the user is not a member.
	 */
	public MemberAccess accessOf(UUID teamId, UUID userId) {
		EffectivePrivileges effective = this.authorization.of(userId, teamId);
		if (!effective.member()) {
			throw new TeamNotFoundException();
		}
		return new MemberAccess(effective.team(), effective);
	}

	/** The privileges the member holds team-wide; throws 404 when the user is not a member. */
	public Set<String> privilegesOf(UUID teamId, UUID userId) {
		return accessOf(teamId, userId).privileges();
	}

	public boolean isMember(UUID teamId, UUID userId) {
		return this.teams.existsMembership(teamId, userId);
	}

}
