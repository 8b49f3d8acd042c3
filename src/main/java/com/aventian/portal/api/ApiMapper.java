package com.aventian.portal.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** What the products' API reads and writes beside the authorization service; every query names the product. */
@Mapper
interface ApiMapper {

	/** The team, if it lives and has the product (an association row not cancelled): else nothing, a 404. */
	Optional<ProductTeam> findTeamOfProduct(UUID productId, UUID teamId);

	/** The team of the product and, when it exists, the user with whether they are a member. One query. */
	Optional<Subject> findSubject(UUID productId, UUID teamId, UUID userId);

	/** {@link #findSubject} for several (team, user) pairs of one batch, in one query. */
	List<Subject> findSubjects(@Param("productId") UUID productId, @Param("pairs") Collection<Pair> pairs);

	List<String> findPlatformPrivilegeCodes();

	List<String> findAllowedResourceTypes(UUID productId);

	List<ResourceRow> findResources(UUID productId, UUID teamId, String type, int limit, long offset);

	Optional<ResourceRow> findResource(UUID productId, UUID teamId, UUID resourceId);

	List<ResourceRow> findResourcesByIds(@Param("productId") UUID productId, @Param("ids") Collection<UUID> ids);

	int insertResource(ResourceRow resource);

	int updateResourceName(UUID productId, UUID teamId, UUID resourceId, String displayName, Instant updatedAt);

	int deleteResource(UUID productId, UUID teamId, UUID resourceId);

	/** Who holds a grant narrowed to the resource: their cached privileges name it. */
	List<UUID> findHoldersOfResource(UUID resourceId);

	/** Locks the team's row: changes of a team's grants run one at a time. */
	Optional<UUID> lockTeam(UUID teamId);

	List<MemberRow> findMembers(@Param("productId") UUID productId, @Param("teamId") UUID teamId,
			@Param("roleId") UUID roleId, @Param("privilege") String privilege, @Param("limit") int limit,
			@Param("offset") long offset);

	/** The grants of these members whose role carries a privilege of the platform or of the product. */
	List<MemberGrantRow> findGrantsOfMembers(@Param("productId") UUID productId, @Param("teamId") UUID teamId,
			@Param("userIds") Collection<UUID> userIds);

	boolean existsRoleOfTeam(UUID teamId, UUID roleId);

	record ProductTeam(UUID id, String name, String subscriptionStatus) {
	}

	record Pair(UUID teamId, UUID userId) {
	}

	/** A team of the product and a user: {@code userEmail} null when no such user exists. */
	record Subject(UUID teamId, String teamName, String subscriptionStatus, String billingStatus, UUID userId, String userEmail,
			String userName, String userStatus, boolean member) {

		boolean userExists() {
			return this.userEmail != null;
		}

		boolean active() {
			return "ACTIVE".equals(this.userStatus);
		}

	}

	record ResourceRow(UUID id, UUID teamId, UUID productId, String resourceType, String externalId, String displayName,
			Instant createdAt, Instant updatedAt) {
	}

	record MemberRow(UUID userId, String email, String displayName, String status, Instant joinedAt, long total) {
	}

	record MemberGrantRow(UUID userId, UUID roleId, String roleName, boolean system, boolean visible, UUID resourceId,
			String resourceType, String resourceName) {
	}

}
