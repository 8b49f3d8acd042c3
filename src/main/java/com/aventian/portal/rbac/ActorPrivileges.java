package com.aventian.portal.rbac;

import java.util.Set;
import java.util.UUID;

import com.aventian.portal.team.TeamAccess;

import org.springframework.stereotype.Component;

/** The privileges a person holds in a team through team-wide grants: what they may put into a role. */
@Component
class ActorPrivileges {

	private final TeamAccess access;

	ActorPrivileges(TeamAccess access) {
		this.access = access;
	}

	/** Throws 404 when the person is not a member. */
	Set<String> teamWide(UUID teamId, UUID userId) {
		return this.access.privilegesOf(teamId, userId);
	}

}
