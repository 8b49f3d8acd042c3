package com.aventian.portal.rbac;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface RoleAssignmentMapper {

	/** Every role of the team, system and invisible ones included, a row per privilege (one with a null if none). */
	List<RoleRow> findTeamRoles(UUID teamId);

	/** Locks the live team's row: changes of a team's roles and grants run one at a time. */
	Optional<UUID> lockLiveTeam(UUID teamId);

	/** A member's grants (roles, each team-wide or on one resource), whatever their privileges. */
	List<GrantOfMember> findGrantsOfMember(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	Optional<GrantOfMember> findGrant(@Param("teamId") UUID teamId, @Param("grantId") UUID grantId);

	boolean existsGrant(@Param("teamId") UUID teamId, @Param("userId") UUID userId, @Param("roleId") UUID roleId,
			@Param("resourceId") UUID resourceId);

	void insertGrant(@Param("id") UUID id, @Param("teamId") UUID teamId, @Param("userId") UUID userId,
			@Param("roleId") UUID roleId, @Param("resourceId") UUID resourceId, @Param("grantedBy") UUID grantedBy);

	int deleteGrant(@Param("teamId") UUID teamId, @Param("grantId") UUID grantId);

	/** Marks the membership changed, so a role change that read it before fails its version check. */
	int updateMembershipVersion(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	/** How many members hold the privilege through a team-wide grant. */
	int countTeamWideHolders(@Param("teamId") UUID teamId, @Param("privilege") String privilege);

	/** A role of the team with the codes of its privileges ({@code privileges} null for a role without any). */
	record RoleRow(UUID id, String name, String description, boolean invitationDefault, UUID productId, boolean system,
			boolean visible, String[] privileges) {
	}

}
