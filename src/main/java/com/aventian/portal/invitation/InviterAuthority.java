package com.aventian.portal.invitation;

import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.rbac.EffectivePrivileges;
import com.aventian.portal.rbac.RoleAssignments;
import com.aventian.portal.rbac.RoleOfTeam;

import org.springframework.stereotype.Component;

/**
 * Whether an inviter could still send an invitation today, as {@link Authorization} decides: an active
 * account (a disabled one, perhaps taken over, carries no authority), a member of the live team holding
 * {@code members.invite} and every privilege of the invited role team-wide.
 */
@Component
class InviterAuthority {

	static final String INVITE = "members.invite";

	private final Authorization authorization;

	private final RoleAssignments roles;

	InviterAuthority(Authorization authorization, RoleAssignments roles) {
		this.authorization = authorization;
		this.roles = roles;
	}

	/** A test of the inviter's invitations in the team, with the inviter's grants and the team's roles read once. */
	Predicate<Invitation> of(UUID teamId, UUID inviterId) {
		EffectivePrivileges inviter = this.authorization.of(inviterId, teamId);
		if (!inviter.active() || !inviter.can(INVITE)) {
			return (invitation) -> false;
		}
		Map<UUID, RoleOfTeam> byId = this.roles.roles(teamId)
			.stream()
			.collect(Collectors.toMap(RoleOfTeam::id, (role) -> role));
		return (invitation) -> invitation.teamId().equals(teamId) && inviterId.equals(invitation.invitedBy())
				&& byId.containsKey(invitation.roleId())
				&& inviter.teamWide().containsAll(byId.get(invitation.roleId()).privileges());
	}

}
