package com.aventian.portal.rbac;

import java.time.Instant;
import java.util.ArrayList;
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
			Instant teamCreatedAt, String memberEmail, String memberName, String memberStatus, String teamProducts,
			UUID userRoleId, UUID roleId, String roleName, boolean system,
			boolean visible, String privilege, UUID resourceId, String resourceType, String resourceName) {

		Team team() {
			return new Team(this.teamId, this.teamName, this.teamSlug, this.teamCreatedBy, this.teamVersion,
					this.teamCreatedAt);
		}

		/** {@code teamProducts}: "product id:status:billing status" per product the team has, comma-separated. */
		List<TeamProduct> products() {
			if (this.teamProducts == null || this.teamProducts.isEmpty()) {
				return List.of();
			}
			List<TeamProduct> products = new ArrayList<>();
			for (String product : this.teamProducts.split(",")) {
				String[] parts = product.split(":", 3);
				products.add(new TeamProduct(UUID.fromString(parts[0]), parts[1], parts[2]));
			}
			return products;
		}

		Grant grant() {
			return new Grant(this.userRoleId, this.roleId, this.roleName, this.system, this.visible, this.privilege,
					this.resourceId, this.resourceType, this.resourceName);
		}

	}

}
