package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.team.MembershipChanged;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamNotFoundException;
import com.aventian.portal.team.TeamRuleException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who holds which role of a team, team-wide or narrowed to one resource. The rules (issue 11, item 7):
 * nobody gives (or takes away) a role holding a privilege they lack (for a grant narrowed to a resource:
 * lack team-wide or on that resource), nobody gives themselves a role, system roles are never given or
 * taken from team pages, role and resource belong to the team, and the team always keeps a member
 * holding {@code team.delete}. Changes of one team run one at a time (its row is locked), each audited
 * with before and after in the same transaction.
 */
@Service
public class RoleAssignments {

	static final String ASSIGN = "members.roles.assign";

	static final String OWNER = "team.delete";

	private final RoleAssignmentMapper mapper;

	private final ResourceMapper resources;

	private final Authorization authorization;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	RoleAssignments(RoleAssignmentMapper mapper, ResourceMapper resources, Authorization authorization, AuditLog audit,
			ApplicationEventPublisher events) {
		this.mapper = mapper;
		this.resources = resources;
		this.authorization = authorization;
		this.audit = audit;
		this.events = events;
	}

	/** Every role of the team with its privileges, system and invisible ones included (one query). */
	public List<RoleOfTeam> roles(UUID teamId) {
		List<RoleAssignmentMapper.RoleRow> rows = this.mapper.findTeamRoles(teamId);
		List<RoleOfTeam> roles = new ArrayList<>(rows.size());
		for (RoleAssignmentMapper.RoleRow row : rows) {
			roles.add(new RoleOfTeam(row.id(), row.name(), row.description(), row.invitationDefault(), row.productId(),
					row.system(), row.visible(), (row.privileges() != null) ? Set.of(row.privileges()) : Set.of()));
		}
		return roles;
	}

	/** The roles the actor may give, team-wide ({@code resourceId} null) or on one resource of the team. */
	public List<RoleOfTeam> givableBy(EffectivePrivileges actor, UUID resourceId) {
		return roles(actor.teamId()).stream().filter((role) -> role.givableBy(actor, resourceId)).toList();
	}

	/** The team's resources a grant can be narrowed to. */
	public List<TeamResource> resources(UUID teamId) {
		return this.resources.findResourcesOfTeam(teamId);
	}

	/** The member's grants as team pages show them: invisible roles left out. */
	public List<GrantOfMember> visibleGrantsOf(UUID teamId, UUID userId) {
		return this.mapper.findGrantsOfMember(teamId, userId).stream().filter(GrantOfMember::visible).toList();
	}

	/**
	 * Gives the member a role of the team, team-wide ({@code resourceId} null) or narrowed to one of the
	 * team's resources; returns the new grant. Refused, with nothing stored, when a rule says no.
	 */
	@Transactional
	public GrantOfMember assign(Actor actor, UUID teamId, UUID memberId, UUID roleId, UUID resourceId) {
		lockTeam(teamId);
		EffectivePrivileges mine = actorMayAssign(actor, teamId);
		EffectivePrivileges member = this.authorization.of(memberId, teamId);
		if (!member.member()) {
			throw new TeamRuleException("That person is not a member of this team.");
		}
		if (actor.userId().equals(memberId)) {
			throw new TeamRuleException("You cannot change your own roles; ask another admin.");
		}
		RoleOfTeam role = roleOfTeam(teamId, roleId);
		Optional<TeamResource> resource = Optional.ofNullable(resourceId).map((id) -> this.resources.findResource(teamId, id)
			.orElseThrow(() -> new TeamRuleException("That resource does not exist in this team.")));
		requireGivable(mine, role, resourceId);
		if (this.mapper.existsGrant(teamId, memberId, roleId, resourceId)) {
			throw new TeamRuleException(member.memberName() + " already has the role " + role.name()
					+ resource.map((r) -> " on " + r.label()).orElse(" team-wide") + ".");
		}
		List<String> before = labels(teamId, memberId);
		UUID grantId = UUID.randomUUID();
		// the membership's row before the grant, whose writing moves the team's list version (V32): a rename of the
		// member holds that row while it waits for the version (MembersListVersionLockOrderTests)
		this.mapper.updateMembershipVersion(teamId, memberId);
		this.mapper.insertGrant(grantId, teamId, memberId, roleId, resourceId, actor.userId());
		GrantOfMember grant = this.mapper.findGrant(teamId, grantId).orElseThrow();
		record(actor, teamId, memberId, "ROLE_ASSIGNED", grant, before);
		return grant;
	}

	/** What removing the grant would take from its holder, for the page to show before it asks to confirm. */
	public UnassignPreview previewUnassign(UUID teamId, UUID grantId) {
		GrantOfMember grant = visibleGrant(teamId, grantId);
		EffectivePrivileges holder = this.authorization.of(grant.userId(), teamId);
		RoleOfTeam role = roleOfTeam(teamId, grant.roleId());
		List<String> lost = role.privileges()
			.stream()
			.filter((code) -> holder.grants()
				.stream()
				.noneMatch((other) -> !other.userRoleId().equals(grantId) && other.gives(code, grant.resourceId())))
			.sorted()
			.toList();
		return new UnassignPreview(grant, holder.memberName(), lost);
	}

	/** Takes one grant away; returns what it was. Refused, with nothing changed, when a rule says no. */
	@Transactional
	public GrantOfMember unassign(Actor actor, UUID teamId, UUID grantId) {
		lockTeam(teamId);
		EffectivePrivileges mine = actorMayAssign(actor, teamId);
		GrantOfMember grant = visibleGrant(teamId, grantId);
		RoleOfTeam role = roleOfTeam(teamId, grant.roleId());
		requireGivable(mine, role, grant.resourceId());
		List<String> before = labels(teamId, grant.userId());
		// the membership's row first, as in assign
		this.mapper.updateMembershipVersion(teamId, grant.userId());
		this.mapper.deleteGrant(teamId, grantId);
		if (this.mapper.countTeamWideHolders(teamId, OWNER) == 0) {
			// rolls the removal back
			throw new TeamRuleException("The team must keep an owner: " + grant.label()
					+ " is the last grant holding " + OWNER + ". Give it to someone else first.");
		}
		record(actor, teamId, grant.userId(), "ROLE_UNASSIGNED", grant, before);
		return grant;
	}

	private void record(Actor actor, UUID teamId, UUID memberId, String action, GrantOfMember grant,
			List<String> before) {
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), action, "user", memberId)
			.inTeam(teamId)
			.withDetails(Map.of("grant", grant.id().toString(), "role", grant.roleName(), "scope",
					grant.teamWide() ? "team-wide" : grant.resourceType() + ":" + grant.resourceId(), "before", before,
					"after", labels(teamId, memberId))));
		this.events.publishEvent(new MembershipChanged(teamId, memberId, action, actor.userId(), actor.email()));
	}

	private EffectivePrivileges actorMayAssign(Actor actor, UUID teamId) {
		EffectivePrivileges mine = this.authorization.of(actor.userId(), teamId);
		if (!mine.member()) {
			throw new TeamNotFoundException();
		}
		if (!mine.can(ASSIGN)) {
			throw new TeamRuleException("You may not change members' roles in this team (it needs " + ASSIGN + ").");
		}
		return mine;
	}

	/** A role of this team; an invisible one is answered as if it did not exist, as team pages never show it. */
	private RoleOfTeam roleOfTeam(UUID teamId, UUID roleId) {
		RoleOfTeam role = roles(teamId).stream()
			.filter((candidate) -> candidate.id().equals(roleId) && candidate.visible())
			.findFirst()
			.orElseThrow(() -> new TeamRuleException("That role does not exist in this team."));
		if (role.system()) {
			throw new TeamRuleException(role.name() + " is a system role: it is given and taken by the platform, "
					+ "not from a team page.");
		}
		return role;
	}

	private GrantOfMember visibleGrant(UUID teamId, UUID grantId) {
		return this.mapper.findGrant(teamId, grantId)
			.filter(GrantOfMember::visible)
			.orElseThrow(() -> new TeamRuleException("That grant no longer exists; the list shows the current ones."));
	}

	private static void requireGivable(EffectivePrivileges mine, RoleOfTeam role, UUID resourceId) {
		List<String> missing = role.privileges()
			.stream()
			.filter((code) -> !mine.can(code, resourceId))
			.sorted()
			.toList();
		if (!missing.isEmpty()) {
			throw new TeamRuleException("You cannot give or take the role " + role.name()
					+ ": it holds privileges you do not have" + (resourceId == null ? "" : " there") + " ("
					+ String.join(", ", missing) + ").");
		}
	}

	private List<String> labels(UUID teamId, UUID memberId) {
		return this.mapper.findGrantsOfMember(teamId, memberId).stream().map(GrantOfMember::label).toList();
	}

	private void lockTeam(UUID teamId) {
		this.mapper.lockLiveTeam(teamId).orElseThrow(TeamNotFoundException::new);
	}

}
