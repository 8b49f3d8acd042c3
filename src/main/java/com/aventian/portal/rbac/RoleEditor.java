package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.rbac.RoleEditorMapper.EditableRole;
import com.aventian.portal.rbac.RoleEditorMapper.Holding;
import com.aventian.portal.rbac.RoleEditorMapper.Privilege;
import com.aventian.portal.rbac.RoleEditorMapper.Template;
import com.aventian.portal.team.MembershipChanged;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamNotFoundException;
import com.aventian.portal.team.TeamRuleException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Edits a team's roles: create (empty or from one of the team's templates), clone, rename, describe,
 * delete, and grant or remove one privilege. Rules: system and invisible roles are never edited here;
 * nobody puts a privilege into a role, or edits a role, beyond the privileges they hold team-wide; a role
 * still held or offered by a pending invitation is not deleted; the team keeps a member holding
 * {@code team.delete}. Each edit locks the team's row, names the role version it saw (a stale one is
 * refused, never overwrites), and is audited with before and after in its own transaction.
 */
@Service
public class RoleEditor {

	static final String OWNER_PRIVILEGE = "team.delete";

	static final String MANAGER_PRIVILEGE = "roles.manage";

	private final RoleEditorMapper roles;

	private final ActorPrivileges actors;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	RoleEditor(RoleEditorMapper roles, ActorPrivileges actors, AuditLog audit, ApplicationEventPublisher events) {
		this.roles = roles;
		this.actors = actors;
		this.audit = audit;
		this.events = events;
	}

	/** A new role, empty or with the privileges of one of the team's available templates ({@code templateId}). */
	@Transactional
	public CreatedRole create(Actor actor, UUID teamId, String name, String description, UUID templateId) {
		lockTeamFor(actor, teamId);
		String cleanName = validName(teamId, name, null);
		String cleanDescription = validDescription(description);
		Set<String> privileges = Set.of();
		Template template = null;
		if (templateId != null) {
			template = this.roles.findAvailableTemplate(teamId, templateId)
				.orElseThrow(() -> new TeamRuleException("That template is not available to this team."));
			privileges = new TreeSet<>(this.roles.findTemplatePrivilegeCodes(templateId));
			requireHeld(actor, teamId, privileges, "You cannot create a role from " + template.name());
		}
		UUID id = UUID.randomUUID();
		this.roles.insertRole(id, teamId, cleanName, cleanDescription);
		if (template != null) {
			this.roles.insertRolePrivilegesOfTemplate(id, template.id());
		}
		Map<String, Object> after = details(cleanName, cleanDescription, privileges);
		if (template != null) {
			after.put("template", template.name());
		}
		record(actor, teamId, "ROLE_CREATED", id, null, after);
		return new CreatedRole(id, cleanName);
	}

	/** A new role holding the same privileges as one of the team's visible roles. */
	@Transactional
	public CreatedRole cloneRole(Actor actor, UUID teamId, UUID sourceId, String name) {
		lockTeamFor(actor, teamId);
		EditableRole source = role(teamId, sourceId);
		String cleanName = validName(teamId, name, null);
		Set<String> privileges = privilegesOf(teamId, sourceId);
		requireHeld(actor, teamId, privileges, "You cannot clone " + source.name());
		UUID id = UUID.randomUUID();
		this.roles.insertRole(id, teamId, cleanName, source.description());
		this.roles.insertRolePrivilegesOfRole(id, sourceId);
		Map<String, Object> after = details(cleanName, source.description(), privileges);
		after.put("clonedFrom", source.name());
		record(actor, teamId, "ROLE_CREATED", id, null, after);
		return new CreatedRole(id, cleanName);
	}

	@Transactional
	public void rename(Actor actor, UUID teamId, UUID roleId, String name, int seenVersion) {
		lockTeamFor(actor, teamId);
		EditableRole role = editable(actor, teamId, roleId, seenVersion);
		String cleanName = validName(teamId, name, roleId);
		if (cleanName.equals(role.name())) {
			return;
		}
		bump(this.roles.updateRoleName(teamId, roleId, cleanName, seenVersion), role);
		record(actor, teamId, "ROLE_RENAMED", roleId, Map.of("name", role.name()), Map.of("name", cleanName));
		// the role's name is part of its holders' cached answers (the API's roles, its ETag, the "why?")
		this.events.publishEvent(PrivilegesChanged.ofMembers(teamId, holdersOf(teamId, roleId)));
	}

	@Transactional
	public void describe(Actor actor, UUID teamId, UUID roleId, String description, int seenVersion) {
		lockTeamFor(actor, teamId);
		EditableRole role = editable(actor, teamId, roleId, seenVersion);
		String cleanDescription = validDescription(description);
		if (cleanDescription.equals(role.description())) {
			return;
		}
		bump(this.roles.updateRoleDescription(teamId, roleId, cleanDescription, seenVersion), role);
		record(actor, teamId, "ROLE_DESCRIBED", roleId, Map.of("description", role.description()),
				Map.of("description", cleanDescription));
	}

	/** Deletes a role nobody holds and no pending invitation offers; otherwise says who holds it. */
	@Transactional
	public void delete(Actor actor, UUID teamId, UUID roleId, int seenVersion) {
		lockTeamFor(actor, teamId);
		EditableRole role = editable(actor, teamId, roleId, seenVersion);
		if (role.creatorDefault() || role.invitationDefault()) {
			throw new TeamRuleException(role.name() + " is the role " + (role.creatorDefault() ? "a team's new owner" : "an invitation")
					+ " receives, so it cannot be deleted.");
		}
		List<Holding> holdings = this.roles.findHoldings(teamId, roleId);
		if (!holdings.isEmpty()) {
			throw new TeamRuleException(role.name() + " is still assigned, so it cannot be deleted. Held by: "
					+ Scopes.describe(holdings) + ".");
		}
		int invited = this.roles.countPendingInvitations(teamId, roleId);
		if (invited > 0) {
			throw new TeamRuleException(role.name() + " is offered by " + invited + " pending invitation"
					+ (invited == 1 ? "" : "s") + ", so it cannot be deleted. Revoke them first.");
		}
		Set<String> privileges = privilegesOf(teamId, roleId);
		bump(this.roles.deleteRole(teamId, roleId, seenVersion), role);
		record(actor, teamId, "ROLE_DELETED", roleId, details(role.name(), role.description(), privileges), null);
	}

	/**
	 * Grants ({@code granted} true) or removes one privilege of a role. A request asking for the state the
	 * role already has changes nothing. Removing what takes something away from members is previewed first
	 * by {@link ChangePreviews#removal}; this method is the confirmation.
	 */
	@Transactional
	public void setPrivilege(Actor actor, UUID teamId, UUID roleId, String code, boolean granted, int seenVersion) {
		lockTeamFor(actor, teamId);
		EditableRole role = editable(actor, teamId, roleId, seenVersion);
		Privilege privilege = changeable(actor, teamId, code, granted);
		Set<String> before = privilegesOf(teamId, roleId);
		if (before.contains(code) == granted) {
			return;
		}
		if (granted) {
			this.roles.insertRolePrivilege(roleId, privilege.id());
		}
		else {
			this.roles.deleteRolePrivilege(roleId, privilege.id());
			if (OWNER_PRIVILEGE.equals(code) && this.roles.countTeamWideHolders(teamId, OWNER_PRIVILEGE) == 0) {
				throw new TeamRuleException("Without " + OWNER_PRIVILEGE + " in " + role.name()
						+ " nobody could delete the team any more: give another member an owner's role first.");
			}
		}
		bump(this.roles.updateRoleVersion(teamId, roleId, seenVersion), role);
		Set<String> after = new TreeSet<>(before);
		if (granted) {
			after.add(code);
		}
		else {
			after.remove(code);
		}
		record(actor, teamId, "ROLE_PRIVILEGES_CHANGED", roleId, Map.of("privileges", new TreeSet<>(before)),
				Map.of("privileges", after));
		// the cache of issue 12 and the inviter's pending invitations follow the holders' new privileges
		holdersOf(teamId, roleId).forEach((holder) -> this.events.publishEvent(
				new MembershipChanged(teamId, holder, "ROLE_PRIVILEGES_CHANGED", actor.userId(), actor.email())));
	}

	/**
	 * Refuses, as {@link #setPrivilege} would, a change the actor may not make; changes nothing. A preview
	 * of what a change takes away is shown only for a change that could be made.
	 */
	@Transactional(readOnly = true)
	public void requireChangeable(Actor actor, UUID teamId, UUID roleId, String code, boolean granted, int seenVersion) {
		requireManager(actor, teamId);
		editable(actor, teamId, roleId, seenVersion);
		changeable(actor, teamId, code, granted);
	}

	/** Refuses, as {@link #delete} would for its first reasons, a role the actor may not edit; changes nothing. */
	@Transactional(readOnly = true)
	public void requireEditable(Actor actor, UUID teamId, UUID roleId, int seenVersion) {
		requireManager(actor, teamId);
		editable(actor, teamId, roleId, seenVersion);
	}

	private Privilege changeable(Actor actor, UUID teamId, String code, boolean granted) {
		Privilege privilege = this.roles.findAvailablePrivilege(teamId, code)
			.orElseThrow(() -> new TeamRuleException("There is no privilege " + code + " for this team's roles."));
		if (!this.actors.teamWide(teamId, actor.userId()).contains(code)) {
			throw new TeamRuleException("You cannot " + (granted ? "grant " : "remove ") + code + ": you do not hold it yourself.");
		}
		return privilege;
	}

	/** A visible role of the team the actor may edit, at the version they saw. */
	private EditableRole editable(Actor actor, UUID teamId, UUID roleId, int seenVersion) {
		EditableRole role = role(teamId, roleId);
		if (role.system()) {
			throw new TeamRuleException(role.name() + " is a system role: the platform manages it, it cannot be edited here.");
		}
		requireHeld(actor, teamId, privilegesOf(teamId, roleId), "You cannot edit " + role.name());
		if (role.version() != seenVersion) {
			throw stale(role);
		}
		return role;
	}

	private EditableRole role(UUID teamId, UUID roleId) {
		if (roleId == null) {
			throw new TeamRuleException("Choose a role.");
		}
		return this.roles.findRole(teamId, roleId)
			.orElseThrow(() -> new TeamRuleException("That role does not exist in this team."));
	}

	private void requireHeld(Actor actor, UUID teamId, Set<String> privileges, String refusal) {
		List<String> missing = new ArrayList<>(privileges);
		missing.removeAll(this.actors.teamWide(teamId, actor.userId()));
		if (!missing.isEmpty()) {
			throw new TeamRuleException(refusal + ": it holds privileges you do not have (" + String.join(", ", missing) + ").");
		}
	}

	private Set<UUID> holdersOf(UUID teamId, UUID roleId) {
		Set<UUID> holders = new LinkedHashSet<>();
		this.roles.findHoldings(teamId, roleId).forEach((holding) -> holders.add(holding.userId()));
		return holders;
	}

	private Set<String> privilegesOf(UUID teamId, UUID roleId) {
		return new TreeSet<>(this.roles.findRolePrivilegeCodes(teamId, roleId));
	}

	private String validName(UUID teamId, String name, UUID exceptId) {
		String clean = (name == null) ? "" : name.strip();
		if (clean.isEmpty()) {
			throw new TeamRuleException("Enter a name for the role.");
		}
		if (clean.length() > 60) {
			throw new TeamRuleException("A role's name has at most 60 characters.");
		}
		if (this.roles.existsRoleNamed(teamId, clean, exceptId)) {
			throw new TeamRuleException("This team already has a role named " + clean + ".");
		}
		return clean;
	}

	private static String validDescription(String description) {
		String clean = (description == null) ? "" : description.strip();
		if (clean.length() > 500) {
			throw new TeamRuleException("A role's description has at most 500 characters.");
		}
		return clean;
	}

	private static void bump(int updated, EditableRole role) {
		if (updated != 1) {
			throw stale(role);
		}
	}

	private static TeamRuleException stale(EditableRole role) {
		return new StaleRoleException(role.name() + " was changed by someone else meanwhile. The editor now shows its "
				+ "current state; make your change again if you still want it.");
	}

	/** Serialises the team's role changes and checks, under that lock, that the actor still manages roles. */
	private void lockTeamFor(Actor actor, UUID teamId) {
		this.roles.lockTeam(teamId).orElseThrow(TeamNotFoundException::new);
		requireManager(actor, teamId);
	}

	// the pages' gate asks the same; the service does not rely on being called from them
	private void requireManager(Actor actor, UUID teamId) {
		if (!this.actors.teamWide(teamId, actor.userId()).contains(MANAGER_PRIVILEGE)) {
			throw new TeamRuleException("You cannot change this team's roles: that needs " + MANAGER_PRIVILEGE + ".");
		}
	}

	private static Map<String, Object> details(String name, String description, Set<String> privileges) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", name);
		details.put("description", description);
		details.put("privileges", new TreeSet<>(privileges));
		return details;
	}

	private void record(Actor actor, UUID teamId, String action, UUID roleId, Map<String, ?> before, Map<String, ?> after) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("before", before);
		details.put("after", after);
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), action, "role", roleId)
			.inTeam(teamId)
			.withDetails(details));
	}

}
