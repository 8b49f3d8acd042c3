package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface RoleAssignmentMapper {

	/** Every role of the team, system and invisible ones included, a row per privilege (one with a null if none). */
	List<RoleRow> findTeamRoles(UUID teamId);

	record RoleRow(UUID id, String name, String description, boolean invitationDefault, UUID productId, boolean system,
			boolean visible, String privilege) {
	}

}
