package com.aventian.portal.rbac;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** The privileges a person holds in a team through team-wide grants: what they may put into a role. */
@Component
class ActorPrivileges {

	private final Authorization authorization;

	ActorPrivileges(Authorization authorization) {
		this.authorization = authorization;
	}

	/** Empty for a non-member. */
	Set<String> teamWide(UUID teamId, UUID userId) {
		return this.authorization.of(userId, teamId).teamWide();
	}

}
