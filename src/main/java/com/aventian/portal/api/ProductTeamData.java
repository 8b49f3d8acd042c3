package com.aventian.portal.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.aventian.portal.api.ApiMapper.MemberGrantRow;
import com.aventian.portal.api.ApiMapper.MemberRow;
import com.aventian.portal.api.ApiMapper.ProductTeam;
import com.aventian.portal.api.ApiMapper.ResourceRow;
import com.aventian.portal.api.ApiRequests.AuditEventRequest;
import com.aventian.portal.api.ApiRequests.NewResource;
import com.aventian.portal.api.ApiViews.AuditEventWritten;
import com.aventian.portal.api.ApiViews.Member;
import com.aventian.portal.api.ApiViews.MemberPage;
import com.aventian.portal.api.ApiViews.Resource;
import com.aventian.portal.api.ApiViews.ResourcePage;
import com.aventian.portal.api.ApiViews.ResourceView;
import com.aventian.portal.api.ApiViews.RoleView;
import com.aventian.portal.apikey.ApiCaller;
import com.aventian.portal.audit.AuditActions;
import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.rbac.PrivilegesChanged;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The management side of the products' API, for the teams that have the calling product: its resource
 * instances (registered, renamed, deleted, each audited), the members with the roles it may see, and the
 * product's own audit events. Every query names the product, so nothing of another product is reachable.
 */
@Service
class ProductTeamData {

	static final int MAX_PAGE_SIZE = 200;

	static final int MAX_DETAILS_BYTES = 4096;

	private final ApiMapper mapper;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final VisiblePrivileges visible;

	private final JsonMapper json;

	private final Clock clock;

	ProductTeamData(ApiMapper mapper, AuditLog audit, ApplicationEventPublisher events, VisiblePrivileges visible,
			JsonMapper json, Clock clock) {
		this.mapper = mapper;
		this.audit = audit;
		this.events = events;
		this.visible = visible;
		this.json = json;
		this.clock = clock;
	}

	ProductTeam team(ApiCaller caller, UUID teamId) {
		return this.mapper.findTeamOfProduct(caller.productId(), teamId).orElseThrow(ProductAuthorization::teamNotFound);
	}

	ResourcePage resources(ApiCaller caller, UUID teamId, String type, int page, int size) {
		team(caller, teamId);
		int limit = pageSize(size);
		int number = Math.max(1, page);
		List<Resource> resources = this.mapper.findResources(caller.productId(), teamId, type, limit, (long) (number - 1) * limit)
			.stream()
			.map(Resource::of)
			.toList();
		return new ResourcePage(number, limit, resources);
	}

	@Transactional
	Resource register(ApiCaller caller, UUID teamId, NewResource resource) {
		team(caller, teamId);
		if (!this.mapper.findAllowedResourceTypes(caller.productId()).contains(resource.type())) {
			throw ApiException.badRequest("resource_type_not_allowed",
					"'" + resource.type() + "' is not a resource type of " + caller.productCode() + ".");
		}
		Instant now = this.clock.instant();
		ResourceRow row = new ResourceRow(UUID.randomUUID(), teamId, caller.productId(), resource.type(),
				resource.externalId().strip(), resource.name().strip(), now, now);
		if (this.mapper.insertResource(row) == 0) {
			throw ApiException.conflict("resource_exists",
					"The team already has a " + resource.type() + " with this externalId.");
		}
		this.audit.record(entry(caller, "RESOURCE_REGISTERED", row).withDetails(Map.of("after", describe(row))));
		return Resource.of(row);
	}

	@Transactional
	Resource rename(ApiCaller caller, UUID teamId, UUID resourceId, String name) {
		team(caller, teamId);
		ResourceRow before = resource(caller, teamId, resourceId);
		Instant now = this.clock.instant();
		this.mapper.updateResourceName(caller.productId(), teamId, resourceId, name.strip(), now);
		ResourceRow after = new ResourceRow(before.id(), teamId, before.productId(), before.resourceType(),
				before.externalId(), name.strip(), before.createdAt(), now);
		this.audit.record(entry(caller, "RESOURCE_RENAMED", after)
			.withDetails(Map.of("before", describe(before), "after", describe(after))));
		// the resource's name is part of its holders' cached grants
		this.events.publishEvent(PrivilegesChanged.ofMembers(teamId, this.mapper.findHoldersOfResource(resourceId)));
		return Resource.of(after);
	}

	/** Deletes the resource and every grant narrowed to it; its holders lose those privileges at once. */
	@Transactional
	void delete(ApiCaller caller, UUID teamId, UUID resourceId) {
		team(caller, teamId);
		this.mapper.lockTeam(teamId).orElseThrow(ProductAuthorization::teamNotFound);
		ResourceRow before = resource(caller, teamId, resourceId);
		List<UUID> holders = this.mapper.findHoldersOfResource(resourceId);
		this.mapper.deleteResource(caller.productId(), teamId, resourceId);
		this.audit.record(entry(caller, "RESOURCE_DELETED", before)
			.withDetails(Map.of("before", describe(before), "grantsRemovedFrom", holders.stream().map(UUID::toString).toList())));
		this.events.publishEvent(PrivilegesChanged.ofMembers(teamId, holders));
	}

	MemberPage members(ApiCaller caller, UUID teamId, UUID roleId, String privilege, int page, int size) {
		team(caller, teamId);
		if (privilege != null && !this.visible.visibleTo(caller, privilege)) {
			throw ApiException.badRequest("foreign_privilege",
					"'" + privilege + "' is neither a privilege of " + caller.productCode() + " nor of the platform.");
		}
		if (roleId != null && !this.mapper.existsRoleOfTeam(teamId, roleId)) {
			throw ApiException.notFound("role_not_found", "No such role in this team.");
		}
		int limit = pageSize(size);
		int number = Math.max(1, page);
		List<MemberRow> rows = this.mapper.findMembers(caller.productId(), teamId, roleId, privilege, limit,
				(long) (number - 1) * limit);
		Map<UUID, List<RoleView>> roles = rows.isEmpty() ? Map.of()
				: this.mapper.findGrantsOfMembers(caller.productId(), teamId, rows.stream().map(MemberRow::userId).toList())
					.stream()
					.collect(Collectors.groupingBy(MemberGrantRow::userId, LinkedHashMap::new,
							Collectors.mapping(ProductTeamData::roleOf, Collectors.toList())));
		List<Member> members = rows.stream()
			.map((row) -> new Member(row.userId(), row.email(), row.displayName(), row.status(), row.joinedAt(),
					"ACTIVE".equals(row.status()) ? roles.getOrDefault(row.userId(), List.of()) : List.of()))
			.toList();
		return new MemberPage(number, limit, rows.isEmpty() ? 0 : rows.get(0).total(), members);
	}

	/**
	 * The product's own audit event, in the team's trail: its action is prefixed with the product's code (a
	 * product can never write what reads as a portal event), the acting user must be a member of the team.
	 */
	@Transactional
	AuditEventWritten writeAuditEvent(ApiCaller caller, AuditEventRequest event) {
		ProductTeam team = team(caller, event.teamId());
		String actorEmail = null;
		if (event.actorUserId() != null) {
			ApiMapper.Subject actor = this.mapper.findSubject(caller.productId(), event.teamId(), event.actorUserId())
				.filter((subject) -> subject.userExists() && subject.member())
				.orElseThrow(ProductAuthorization::userNotFound);
			actorEmail = actor.userEmail();
		}
		Map<String, Object> details = (event.details() == null) ? Map.of() : event.details();
		if (this.json.writeValueAsString(details).getBytes(StandardCharsets.UTF_8).length > MAX_DETAILS_BYTES) {
			throw ApiException.badRequest("details_too_large", "details may hold at most " + MAX_DETAILS_BYTES + " bytes of JSON.");
		}
		String action = caller.productCode().toUpperCase().replace('-', '_') + "_" + event.action();
		if (action.length() > 64) {
			throw ApiException.badRequest("action_too_long", "The product's code and the action together exceed 64 characters.");
		}
		// a product whose code begins a portal action (user + DISABLED) would otherwise write events passing for the portal's
		if (AuditActions.ALL.contains(action)) {
			throw ApiException.badRequest("action_reserved", action + " is an action of the portal; name the product's action otherwise.");
		}
		Map<String, Object> stored = new LinkedHashMap<>(details);
		stored.put("apiKey", caller.keyPrefix());
		this.audit.record(new AuditEntry(event.actorUserId(), actorEmail, action, event.targetType(), event.targetId(),
				team.id(), caller.productId(), stored));
		return new AuditEventWritten(action, team.id(), this.clock.instant());
	}

	private ResourceRow resource(ApiCaller caller, UUID teamId, UUID resourceId) {
		return this.mapper.findResource(caller.productId(), teamId, resourceId)
			.orElseThrow(() -> ApiException.notFound("resource_not_found", "No such resource of this product in the team."));
	}

	private static int pageSize(int size) {
		return Math.min(MAX_PAGE_SIZE, Math.max(1, size));
	}

	private static RoleView roleOf(MemberGrantRow row) {
		return new RoleView(row.roleId(), row.roleName(), row.system(), row.visible(), (row.resourceId() == null) ? null
				: new ResourceView(row.resourceId(), row.resourceType(), row.resourceName()));
	}

	private static AuditEntry entry(ApiCaller caller, String action, ResourceRow resource) {
		return new AuditEntry(null, "api:" + caller.keyPrefix(), action, "resource", resource.id().toString(),
				resource.teamId(), caller.productId(), Map.of());
	}

	private static Map<String, Object> describe(ResourceRow resource) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("type", resource.resourceType());
		description.put("externalId", resource.externalId());
		description.put("name", resource.displayName());
		return description;
	}

}
