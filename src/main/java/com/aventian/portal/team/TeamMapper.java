package com.aventian.portal.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.rbac.GrantsOfMember;
import com.aventian.portal.rbac.RolesOfTeam;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface TeamMapper {

	Optional<Team> findTeamById(UUID id);

	List<TeamOfUser> findTeamsOfUser(UUID userId);

	Optional<Team> findTeamOfMember(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	/** The first of the user's teams by name, without aggregating them all. */
	Optional<UUID> findFirstTeamOfUser(UUID userId);

	boolean existsMembership(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	/** Locks the team's row for the rest of the transaction: membership changes of a team run one at a time. */
	Optional<Team> findTeamByIdForUpdate(UUID id);

	int updateTeamName(@Param("id") UUID id, @Param("name") String name, @Param("slug") String slug,
			@Param("version") int version, @Param("updatedAt") Instant updatedAt);

	int updateTeamDeleted(@Param("id") UUID id, @Param("deletedAt") Instant deletedAt);

	/**
	 * A page of the members matching the pattern, each row carrying the number of all that match, and the first row
	 * the team's roles with their privileges if {@code withRoles}.
	 */
	List<MemberOfPage> findMembersPage(@Param("teamId") UUID teamId, @Param("pattern") String pattern,
			@Param("limit") int limit, @Param("offset") int offset, @Param("withRoles") boolean withRoles);

	Optional<MemberListVersion> findMemberListVersion(UUID teamId);

	long countMembers(@Param("teamId") UUID teamId, @Param("pattern") String pattern);

	Optional<MemberRow> findMember(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	List<TeamRole> findTeamRoles(UUID teamId);

	Optional<TeamRole> findTeamRole(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId);

	/** The role a team's creator receives, and a new owner on transfer (flag {@code creator_default}). */
	Optional<TeamRole> findCreatorRole(UUID teamId);

	Optional<TeamRole> findBroadestRoleWithout(@Param("teamId") UUID teamId, @Param("privilege") String privilege);

	/** Bumps the memberships' versions, whatever they were. */
	int updateMembershipVersions(@Param("teamId") UUID teamId, @Param("userIds") List<UUID> userIds);

	/** Bumps the membership's version if it is still the one given; 0 means it changed meanwhile. */
	int updateMembershipVersion(@Param("teamId") UUID teamId, @Param("userId") UUID userId,
			@Param("version") int version);

	int deleteTeamWideUserRoles(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	void insertUserRole(@Param("teamId") UUID teamId, @Param("userId") UUID userId, @Param("roleId") UUID roleId,
			@Param("grantedBy") UUID grantedBy);

	int countMembersWithPrivilege(@Param("teamId") UUID teamId, @Param("code") String code);

	int deleteMembership(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	/** Sets last activity to {@code now} unless it was already set after {@code since}. */
	int updateLastActive(@Param("teamId") UUID teamId, @Param("userId") UUID userId, @Param("now") Instant now,
			@Param("since") Instant since);

	int updateLastTeam(@Param("userId") UUID userId, @Param("teamId") UUID teamId);

	Optional<UUID> findLastTeam(UUID userId);

	void insertTeam(Team team);

	/** Gives a new team its own copy of every role template, privileges included. */
	void insertRolesFromTemplates(UUID teamId);

	void insertRolePrivilegesFromTemplates(UUID teamId);

	void insertMembership(@Param("teamId") UUID teamId, @Param("userId") UUID userId, @Param("joinedAt") Instant joinedAt);

	/** Gives the user the team's {@code creator_default} role; 0 when the team has none. */
	int insertCreatorRole(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	/** A row of {@link #findMembersPage}: the member, how many members match in all, the team's roles (or null). */
	record MemberOfPage(UUID userId, String displayName, String email, UUID roleId, String roleNames,
			Instant joinedAt, Instant lastActiveAt, int version, GrantsOfMember grants, boolean owner, long total,
			RolesOfTeam teamRoles, Long listVersion) {

		MemberRow member() {
			return new MemberRow(this.userId, this.displayName, this.email, this.roleId, this.roleNames, this.joinedAt,
					this.lastActiveAt, this.version, this.grants, this.owner);
		}

	}

}
