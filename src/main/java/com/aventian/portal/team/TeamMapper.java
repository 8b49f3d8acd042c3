package com.aventian.portal.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface TeamMapper {

	Optional<Team> findTeamById(UUID id);

	List<TeamOfUser> findTeamsOfUser(UUID userId);

	Optional<TeamHome> findTeamHome(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	boolean existsMembership(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	/** The privilege codes the member holds in the team through team-wide roles. */
	List<String> findPrivilegeCodes(@Param("teamId") UUID teamId, @Param("userId") UUID userId);

	void insertTeam(Team team);

	/** Gives a new team its own copy of every role template, privileges included. */
	void insertRolesFromTemplates(UUID teamId);

	void insertRolePrivilegesFromTemplates(UUID teamId);

	void insertMembership(@Param("teamId") UUID teamId, @Param("userId") UUID userId, @Param("joinedAt") Instant joinedAt);

	int insertUserRoleByName(@Param("teamId") UUID teamId, @Param("userId") UUID userId,
			@Param("roleName") String roleName, @Param("grantedBy") UUID grantedBy);

}
