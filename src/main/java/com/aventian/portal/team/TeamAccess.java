package com.aventian.portal.team;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Every team-scoped request starts here: a non-member gets 404 (the team's existence is not revealed),
 * a member without the privilege 403. Checks use privilege codes, never role names.
 */
@Component
public class TeamAccess {

	private final TeamMapper teams;

	TeamAccess(TeamMapper teams) {
		this.teams = teams;
	}

	/** The member's privileges in the team; throws 404 when the user is not a member. */
	public Set<String> privilegesOf(UUID teamId, UUID userId) {
		if (!this.teams.existsMembership(teamId, userId)) {
			throw new TeamNotFoundException();
		}
		return Set.copyOf(this.teams.findPrivilegeCodes(teamId, userId));
	}

	public boolean isMember(UUID teamId, UUID userId) {
		return this.teams.existsMembership(teamId, userId);
	}

	/** The privileges a role of the team carries. */
	public Set<String> privilegesOfRole(UUID roleId) {
		return Set.copyOf(this.teams.findRolePrivilegeCodes(roleId));
	}

	public void require(UUID teamId, UUID userId, String privilege) {
		if (!privilegesOf(teamId, userId).contains(privilege)) {
			throw new TeamPrivilegeMissingException(privilege);
		}
	}

}
