package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.aventian.portal.rbac.RoleEditorMapper.EditableRole;
import com.aventian.portal.rbac.RoleEditorMapper.Privilege;
import com.aventian.portal.rbac.RoleEditorMapper.RolePrivilege;
import com.aventian.portal.rbac.RoleEditorMapper.Template;

import org.springframework.stereotype.Service;

/** What the role editor shows: the matrix as the viewer may edit it, and the templates a role can start from. */
@Service
public class RoleMatrices {

	private final RoleEditorMapper roles;

	private final ActorPrivileges actors;

	RoleMatrices(RoleEditorMapper roles, ActorPrivileges actors) {
		this.roles = roles;
		this.actors = actors;
	}

	public RoleMatrix matrix(UUID teamId, UUID viewerId) {
		Set<String> mine = this.actors.teamWide(teamId, viewerId);
		Map<UUID, Set<String>> held = new HashMap<>();
		for (RolePrivilege row : this.roles.findRolePrivileges(teamId)) {
			held.computeIfAbsent(row.roleId(), (id) -> new TreeSet<>()).add(row.code());
		}
		List<RoleMatrix.Column> columns = this.roles.findRoles(teamId).stream().map((role) -> {
			Set<String> privileges = held.getOrDefault(role.id(), Set.of());
			return new RoleMatrix.Column(role.id(), role.name(), role.description(), role.system(), role.version(),
					lockedBecause(role, privileges, mine), privileges);
		}).toList();
		return new RoleMatrix(columns, groups(this.roles.findAvailablePrivileges(teamId), mine));
	}

	/** The team's members and resources, for the assignment and "why?" pickers. */
	public EditorChoices choices(UUID teamId) {
		return new EditorChoices(this.roles.findMembers(teamId), this.roles.findResources(teamId));
	}

	/** The templates a new role may start from: the platform's and those of the team's products. */
	public List<TemplateChoice> templates(UUID teamId) {
		return this.roles.findAvailableTemplates(teamId)
			.stream()
			.map((template) -> new TemplateChoice(template.id(), label(template), template.description()))
			.toList();
	}

	private static String label(Template template) {
		return (template.productName() == null) ? template.name() : template.productName() + ": " + template.name();
	}

	private static String lockedBecause(EditableRole role, Set<String> privileges, Set<String> mine) {
		if (role.system()) {
			return role.name() + " is a system role: the platform manages it.";
		}
		if (!mine.containsAll(privileges)) {
			return role.name() + " holds privileges you do not have.";
		}
		return null;
	}

	private static List<RoleMatrix.Group> groups(List<Privilege> privileges, Set<String> mine) {
		List<RoleMatrix.Group> groups = new ArrayList<>();
		List<RoleMatrix.Row> rows = new ArrayList<>();
		Privilege first = null;
		for (Privilege privilege : privileges) {
			if (first != null && !(Objects.equals(first.productCode(), privilege.productCode())
					&& Objects.equals(first.resourceType(), privilege.resourceType()))) {
				groups.add(new RoleMatrix.Group(first.productName(), first.resourceType(), List.copyOf(rows)));
				rows.clear();
			}
			if (rows.isEmpty()) {
				first = privilege;
			}
			rows.add(new RoleMatrix.Row(privilege.code(), privilege.description(), mine.contains(privilege.code())));
		}
		if (first != null) {
			groups.add(new RoleMatrix.Group(first.productName(), first.resourceType(), List.copyOf(rows)));
		}
		return groups;
	}

	/** A template offered when creating a role; {@code label} names its product, if any. */
	public record TemplateChoice(UUID id, String label, String description) {
	}

}
