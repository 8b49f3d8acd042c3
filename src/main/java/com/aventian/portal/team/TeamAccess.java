package com.aventian.portal.team;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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

	/**
	 * The team and the member's privileges in it, read afresh (one query, never cached: a role change or
	 * removal counts from the very next request); throws 404 when the user is not a member.
	 */
	public MemberAccess accessOf(UUID teamId, UUID userId) {
		List<TeamMapper.AccessRow> rows = this.teams.findMemberAccess(teamId, userId);
		if (rows.isEmpty()) {
			throw new TeamNotFoundException();
		}
		Set<String> privileges = rows.stream()
			.map(TeamMapper.AccessRow::privilege)
			.filter(Objects::nonNull)
			.collect(Collectors.toUnmodifiableSet());
		return new MemberAccess(rows.get(0).team(), privileges);
	}

	/** The member's privileges in the team; throws 404 when the user is not a member. */
	public Set<String> privilegesOf(UUID teamId, UUID userId) {
		return accessOf(teamId, userId).privileges();
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
