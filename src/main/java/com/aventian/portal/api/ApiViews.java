package com.aventian.portal.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON shapes the products' API answers with. */
final class ApiViews {

	private ApiViews() {
	}

	@Schema(description = "GetUserDetails: the user, the team, the product's subscription, roles and effective privileges")
	record UserDetails(UserView user, TeamView team, SubscriptionView subscription, List<RoleView> roles,
			List<PrivilegeView> privileges) {
	}

	record UserView(UUID id, String email, String name,
			@Schema(allowableValues = { "ACTIVE", "DISABLED" }, description = "a disabled user has no roles or privileges") String status) {
	}

	record TeamView(UUID id, String name) {
	}

	record SubscriptionView(@Schema(description = "the calling product's code") String product,
			@Schema(allowableValues = { "PROVISIONING", "ACTIVE", "FAILED" },
					description = "the team's database for the product") String status,
			@Schema(allowableValues = { "TRIALING", "ACTIVE", "PAST_DUE", "SUSPENDED", "CANCELLED", "NONE" },
					description = "where the team stands in billing for the product (NONE: on no plan); "
							+ "a product refuses a SUSPENDED or CANCELLED team") String billingStatus) {
	}

	@Schema(description = "A role grant: team-wide (resource null) or narrowed to one resource. System and invisible roles included, flagged.")
	record RoleView(UUID id, String name, boolean system, boolean visible, ResourceView resource) {
	}

	record ResourceView(UUID id, String type, String name) {
	}

	@Schema(description = "An effective privilege: team-wide, and/or on the resources listed")
	record PrivilegeView(String code, boolean teamWide, List<ResourceView> resources) {
	}

	record Decision(boolean allowed, @Schema(description = "in words, naming the role and grant") String reason) {
	}

	record Decisions(List<Decision> results) {
	}

	record Ping(UUID productId, String product, String keyPrefix) {
	}

	record Resource(UUID id, String type, String externalId, String name, Instant createdAt, Instant updatedAt) {

		static Resource of(ApiMapper.ResourceRow row) {
			return new Resource(row.id(), row.resourceType(), row.externalId(), row.displayName(), row.createdAt(),
					row.updatedAt());
		}

	}

	record ResourcePage(int page, int size, List<Resource> resources) {
	}

	record Member(UUID userId, String email, String name, String status, Instant joinedAt, List<RoleView> roles) {
	}

	record MemberPage(int page, int size, long total, List<Member> members) {
	}

	record AuditEventWritten(String action, UUID teamId, Instant occurredAt) {
	}

}
