package com.aventian.portal.rbac;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.team.MembershipChanged;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamNotFoundException;
import com.aventian.portal.team.TeamRuleException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The resource instances a team registers (of the allowed types of the products it has), so grants can be
 * narrowed to one of them. Every query names the team; a change holds the team's row, as role changes do,
 * and is audited with before and after. Deleting a resource ends the grants narrowed to it.
 */
@Service
public class Resources {

	private final ResourceMapper resources;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Authorization authorization;

	Resources(ResourceMapper resources, AuditLog audit, ApplicationEventPublisher events, Authorization authorization) {
		this.resources = resources;
		this.audit = audit;
		this.events = events;
		this.authorization = authorization;
	}

	public List<TeamResource> of(UUID teamId) {
		return this.resources.findResourcesOfTeam(teamId);
	}

	public TeamResource resource(UUID teamId, UUID resourceId) {
		return this.resources.findResource(teamId, resourceId).orElseThrow(ResourceNotFoundException::new);
	}

	/** The types the team may register now. */
	public List<ResourceKind> registrableKinds(UUID teamId) {
		return this.resources.findRegistrableKinds(teamId);
	}

	@Transactional
	public TeamResource register(Actor actor, UUID teamId, UUID productId, String resourceType, String typedExternalId,
			String typedDisplayName) {
		lockTeamFor(actor, teamId);
		String externalId = typedExternalId == null ? "" : typedExternalId.strip();
		String displayName = typedDisplayName == null ? "" : typedDisplayName.strip();
		Map<String, String> problems = new LinkedHashMap<>();
		boolean allowed = this.resources.findRegistrableKinds(teamId)
			.stream()
			.anyMatch((kind) -> kind.productId().equals(productId) && kind.resourceType().equals(resourceType));
		if (!allowed) {
			problems.put("kind", "Choose one of the resource types of your team's products.");
		}
		if (externalId.isEmpty() || externalId.length() > 200) {
			problems.put("externalId", "Enter the resource's id in the product, at most 200 characters.");
		}
		else if (allowed && this.resources.existsResource(teamId, productId, resourceType, externalId)) {
			problems.put("externalId", "A " + resourceType + " with the id \"" + externalId + "\" is already registered.");
		}
		if (displayName.isEmpty() || displayName.length() > 200) {
			problems.put("displayName", "Enter a name people recognise, at most 200 characters.");
		}
		if (!problems.isEmpty()) {
			throw new ResourceInputException(problems);
		}
		UUID id = UUID.randomUUID();
		try {
			this.resources.insertResource(id, teamId, productId, resourceType, externalId, displayName);
		}
		catch (DuplicateKeyException ex) {
			throw new ResourceInputException(Map.of("externalId",
					"A " + resourceType + " with the id \"" + externalId + "\" is already registered."));
		}
		TeamResource created = resource(teamId, id);
		record(actor, "RESOURCE_REGISTERED", created, null, snapshot(created));
		return created;
	}

	@Transactional
	public TeamResource rename(Actor actor, UUID teamId, UUID resourceId, String typedDisplayName) {
		lockTeamFor(actor, teamId);
		TeamResource before = resource(teamId, resourceId);
		String displayName = typedDisplayName == null ? "" : typedDisplayName.strip();
		if (displayName.isEmpty() || displayName.length() > 200) {
			throw new ResourceInputException(Map.of("displayName", "Enter a name people recognise, at most 200 characters."));
		}
		this.resources.updateResourceName(teamId, resourceId, displayName);
		TeamResource after = resource(teamId, resourceId);
		record(actor, "RESOURCE_RENAMED", after, snapshot(before), snapshot(after));
		// the resource's name is part of its holders' cached grants (as the API's rename knows)
		this.events.publishEvent(PrivilegesChanged.ofMembers(teamId, this.resources.findGrantHolders(teamId, resourceId)));
		return after;
	}

	/**
	 * Deletes the resource and every grant narrowed to it; the members who held one are told (their privileges
	 * shrank). Deleting takes those grants away, so it is refused, as unassigning them would be
	 * ({@link RoleAssignments}), when they hold a privilege the actor lacks team-wide and on this resource.
	 */
	@Transactional
	public TeamResource delete(Actor actor, UUID teamId, UUID resourceId) {
		lockTeamFor(actor, teamId);
		TeamResource before = resource(teamId, resourceId);
		EffectivePrivileges mine = this.authorization.of(actor.userId(), teamId);
		List<String> beyondReach = this.resources.findPrivilegesGrantedOn(teamId, resourceId)
			.stream()
			.filter((code) -> !mine.can(code, resourceId))
			.sorted()
			.toList();
		if (!beyondReach.isEmpty()) {
			throw new TeamRuleException(before.displayName() + " cannot be deleted by you: grants narrowed to it hold "
					+ "privileges you do not have (" + String.join(", ", beyondReach) + "), and deleting it would take them away.");
		}
		List<UUID> holders = this.resources.findGrantHolders(teamId, resourceId);
		this.resources.deleteResource(teamId, resourceId);
		Map<String, Object> was = snapshot(before);
		was.put("grants", before.grants());
		record(actor, "RESOURCE_DELETED", before, was, null);
		for (UUID userId : holders) {
			this.events.publishEvent(new MembershipChanged(teamId, userId, "RESOURCE_DELETED", actor.userId(), actor.email()));
		}
		return before;
	}

	/** Serialises the team's resource changes and checks, under that lock, that the actor manages roles. */
	private void lockTeamFor(Actor actor, UUID teamId) {
		if (this.resources.lockTeam(teamId) == null) {
			throw new TeamNotFoundException();
		}
		// the page's gate asks the same; the service does not rely on being called from it
		if (!this.authorization.of(actor.userId(), teamId).teamWide().contains(RoleEditor.MANAGER_PRIVILEGE)) {
			throw new TeamRuleException("You cannot change this team's resources: that needs " + RoleEditor.MANAGER_PRIVILEGE + ".");
		}
	}

	private void record(Actor actor, String action, TeamResource resource, Object before, Object after) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("before", before);
		details.put("after", after);
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), action, "resource", resource.id())
			.inTeam(resource.teamId())
			.forProduct(resource.productId())
			.withDetails(details));
	}

	private static Map<String, Object> snapshot(TeamResource resource) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("product", resource.productCode());
		fields.put("resourceType", resource.resourceType());
		fields.put("externalId", resource.externalId());
		fields.put("displayName", resource.displayName());
		return fields;
	}

}
