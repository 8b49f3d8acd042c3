package com.aventian.portal.rbac;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.team.Team;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AuthorizationMapper {

	/**
	 * The team, the member and their grants, one row: each grant and privilege an element of {@code grants} (a JSON
	 * array, empty for a member without any); no row for a non-member or a deleted team.
	 */
	Optional<MemberGrants> findEffectivePrivileges(@Param("userId") UUID userId, @Param("teamId") UUID teamId);

	/**
	 * {@code grants}: a JSON array of {@link Grant}s, keys named as its components, in the order they are shown.
	 * {@code homeRoles}: the names of the member's visible team-wide roles in the roles' order, ", " between them,
	 * as team home shows them.
	 */
	record MemberGrants(UUID teamId, String teamName, String teamSlug, UUID teamCreatedBy, int teamVersion,
			Instant teamCreatedAt, String memberEmail, String memberName, String memberStatus, String teamProducts,
			String grants, int teamMemberCount, String homeRoles) {

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

	}

}
