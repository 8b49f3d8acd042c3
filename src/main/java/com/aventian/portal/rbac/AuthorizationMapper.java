package com.aventian.portal.rbac;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.team.Team;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AuthorizationMapper {

	/**
	 * The team, the member and a row per grant and privilege (one row with nulls for a member without
	 * any); no row for a non-member or a deleted team.
	 */
	List<GrantRow> findEffectivePrivileges(@Param("userId") UUID userId, @Param("teamId") UUID teamId);

	record GrantRow(UUID teamId, String teamName, String teamSlug, UUID teamCreatedBy, int teamVersion,
			Instant teamCreatedAt, String memberName, UUID userRoleId, UUID roleId, String roleName, boolean system,
			boolean visible, String privilege, UUID resourceId, String resourceType, String resourceName) {

		Team team() {
			return new Team(this.teamId, this.teamName, this.teamSlug, this.teamCreatedBy, this.teamVersion,
					this.teamCreatedAt);
		}

		Grant grant() {
			return new Grant(this.userRoleId, this.roleId, this.roleName, this.system, this.visible, this.privilege,
					this.resourceId, this.resourceType, this.resourceName);
		}

	}

}
