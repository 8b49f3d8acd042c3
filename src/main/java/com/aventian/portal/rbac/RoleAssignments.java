package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/**
 * Who holds which role of a team, team-wide or narrowed to one resource. The rules (issue 11, item 7):
 * nobody gives a role holding a privilege they lack (for a grant narrowed to a resource: lack team-wide
 * or on that resource), nobody changes their own grants, system roles are never given or taken from team
 * pages, and the team always keeps a member holding {@code team.delete}.
 */
@Service
public class RoleAssignments {

	private final RoleAssignmentMapper mapper;

	RoleAssignments(RoleAssignmentMapper mapper) {
		this.mapper = mapper;
	}

	/** Every role of the team with its privileges, system and invisible ones included (one query). */
	public List<RoleOfTeam> roles(UUID teamId) {
		Map<UUID, List<RoleAssignmentMapper.RoleRow>> byRole = this.mapper.findTeamRoles(teamId)
			.stream()
			.collect(Collectors.groupingBy(RoleAssignmentMapper.RoleRow::id, LinkedHashMap::new, Collectors.toList()));
		List<RoleOfTeam> roles = new ArrayList<>();
		byRole.forEach((id, rows) -> {
			RoleAssignmentMapper.RoleRow first = rows.get(0);
			roles.add(new RoleOfTeam(id, first.name(), first.description(), first.invitationDefault(), first.productId(),
					first.system(), first.visible(), rows.stream()
						.map(RoleAssignmentMapper.RoleRow::privilege)
						.filter(Objects::nonNull)
						.collect(Collectors.toSet())));
		});
		return roles;
	}

	/** The roles the actor may give, team-wide ({@code resourceId} null) or on one resource of the team. */
	public List<RoleOfTeam> givableBy(EffectivePrivileges actor, UUID resourceId) {
		return roles(actor.teamId()).stream().filter((role) -> role.givableBy(actor, resourceId)).toList();
	}

}
