package com.aventian.portal.team;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.rbac.EffectivePrivileges;
import com.aventian.portal.rbac.RoleAssignments;
import com.aventian.portal.rbac.RoleOfTeam;
import com.aventian.portal.rbac.RolesOfTeam;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is in a team and with which role. Rules: nobody gives a role holding privileges they lack, nobody
 * changes or removes a member who holds privileges they lack, and a team always keeps at least one
 * owner (a member holding {@code team.delete}). Changes of one team run one at a time (its row is
 * locked), and a role change names the version of the member it saw.
 */
@Service
public class MembershipService {

	static final String OWNER_PRIVILEGE = "team.delete";

	static final int PAGE_SIZE = 20;

	private final TeamMapper teams;

	private final Authorization authorization;

	private final RoleAssignments assignments;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final List<MemberLimit> limits;

	MembershipService(TeamMapper teams, Authorization authorization, RoleAssignments assignments, AuditLog audit,
			Clock clock, ApplicationEventPublisher events, List<MemberLimit> limits) {
		this.limits = limits;
		this.teams = teams;
		this.authorization = authorization;
		this.assignments = assignments;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	public MembersPage members(UUID teamId, String query, int page) {
		return members(teamId, query, page, null);
	}

	/**
	 * A page of members, with the roles {@code giver} may give (their picker's choices) read by the same statement;
	 * {@code giver} null reads no roles.
	 */
	public MembersPage members(UUID teamId, String query, int page, EffectivePrivileges giver) {
		String cleaned = cleanedQuery(query);
		// lower-cased by the query, with the database's lower() that made the kept keys (see TeamMapper.xml)
		String pattern = cleaned.isEmpty() ? null : "%" + likeEscaped(cleaned) + "%";
		int requested = pageNumber(page);
		boolean withRoles = giver != null;
		List<TeamMapper.MemberOfPage> rows = this.teams.findMembersPage(teamId, pattern, PAGE_SIZE,
				(requested - 1) * PAGE_SIZE, withRoles);
		if (rows.isEmpty() && requested > 1) {
			// past the end (a stale link, a typed number): the last page instead, at the cost of a count
			long total = this.teams.countMembers(teamId, pattern);
			int last = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
			return pageOf(this.teams.findMembersPage(teamId, pattern, PAGE_SIZE, (last - 1) * PAGE_SIZE, withRoles),
					cleaned, last, total, giver, false);
		}
		return pageOf(rows, cleaned, requested, rows.isEmpty() ? 0 : rows.get(0).total(), giver, true);
	}

	/** The search as the members page uses it: stripped, at most 100 characters. */
	static String cleanedQuery(String query) {
		String cleaned = (query == null) ? "" : query.strip();
		return (cleaned.length() > 100) ? cleaned.substring(0, 100) : cleaned;
	}

	/**
	 * The page number as the members page uses it: a typed page number large enough to overflow the offset wrapped to
	 * a negative OFFSET, which the database refused (a 400 for a link past the end): every page past the last is
	 * served as the last.
	 */
	static int pageNumber(int page) {
		return Math.min(Math.max(1, page), Integer.MAX_VALUE / PAGE_SIZE);
	}

	/** The version of the team's members list (V32), with its member count; empty for a deleted team. */
	Optional<MemberListVersion> memberListVersion(UUID teamId) {
		return this.teams.findMemberListVersion(teamId);
	}

	/** {@code oneStatement}: the rows, their total and their list's version come from one snapshot. */
	private static MembersPage pageOf(List<TeamMapper.MemberOfPage> rows, String query, int page, long total,
			EffectivePrivileges giver, boolean oneStatement) {
		RolesOfTeam roles = rows.isEmpty() ? null : rows.get(0).teamRoles();
		List<TeamRole> givable = (giver == null || roles == null) ? List.of() : givableTeamWide(roles.givableBy(giver));
		Long version = (oneStatement && !rows.isEmpty()) ? rows.get(0).listVersion() : null;
		return new MembersPage(rows.stream().map(TeamMapper.MemberOfPage::member).toList(), query, page, PAGE_SIZE,
				total, givable, version);
	}

	/** The roles a picker offers: team-wide roles of the team's own, not a product's copies. */
	private static List<TeamRole> givableTeamWide(List<RoleOfTeam> roles) {
		return roles.stream().filter((role) -> role.productId() == null).map(RoleOfTeam::teamRole).toList();
	}

	public List<TeamRole> roles(UUID teamId) {
		return this.teams.findTeamRoles(teamId);
	}

	/**
	 * The team's own (not a product's) roles the member may give team-wide, as {@link Authorization}
	 * decides from the grants already loaded (one query): none holding a privilege the member lacks.
	 */
	public List<TeamRole> rolesGivableBy(EffectivePrivileges giver) {
		return givableTeamWide(this.assignments.givableBy(giver, null));
	}

	public List<TeamRole> rolesGivableBy(UUID teamId, UUID userId) {
		return rolesGivableBy(this.authorization.of(userId, teamId));
	}

	public MemberRow member(UUID teamId, UUID userId) {
		return this.teams.findMember(teamId, userId).orElseThrow(MemberNotFoundException::new);
	}

	/**
	 * Why {@code joining} more people may not join the team now (a limit such as the paid seats), if so. The
	 * answer holds while the caller holds the team's lock ({@link #addMemberWithRole} takes it).
	 */
	public Optional<String> refusalToJoin(UUID teamId, int joining) {
		return this.limits.stream()
			.map((limit) -> limit.refusal(teamId, joining))
			.flatMap(Optional::stream)
			.findFirst();
	}

	/**
	 * Makes the user a member with one of the team's roles (accepting an invitation), unless a limit of the
	 * team refuses one more member: checked under the team's lock, so two joins for the last seat let one in.
	 */
	@Transactional
	public void addMemberWithRole(UUID teamId, UUID userId, UUID roleId, UUID grantedBy) {
		lockTeam(teamId);
		refusalToJoin(teamId, 1).ifPresent((refusal) -> {
			throw new TeamRuleException(refusal);
		});
		this.teams.insertMembership(teamId, userId, this.clock.instant());
		this.teams.insertUserRole(teamId, userId, roleId, grantedBy);
		this.events.publishEvent(new MemberCountChanged(teamId));
	}

	/** Gives a member one team-wide role instead of the ones they had. */
	@Transactional
	public MemberRow changeRole(Actor actor, UUID teamId, UUID memberId, UUID roleId, int seenVersion) {
		lockTeam(teamId);
		MemberRow member = member(teamId, memberId);
		TeamRole role = this.teams.findTeamRole(teamId, roleId)
			.orElseThrow(() -> new TeamRuleException("That role does not exist in this team."));
		EffectivePrivileges mine = this.authorization.of(actor.userId(), teamId);
		if (rolesGivableBy(mine).stream().noneMatch((givable) -> givable.id().equals(role.id()))) {
			throw new TeamRuleException("You cannot give the role " + role.name() + ": it holds privileges you do not have.");
		}
		requireNotAbove(actor, teamId, member, mine, "change the role of");
		if (this.teams.updateMembershipVersion(teamId, memberId, seenVersion) == 0) {
			throw new TeamRuleException(member.displayName() + "'s role was changed meanwhile by someone else. "
					+ "The list now shows the current role; choose again if you still want a change.");
		}
		this.teams.deleteTeamWideUserRoles(teamId, memberId);
		this.teams.insertUserRole(teamId, memberId, role.id(), actor.userId());
		requireAnOwnerRemains(teamId, member.displayName() + " is the team's last owner: make someone else an owner first.");
		MemberRow changed = member(teamId, memberId);
		// one change, one event: a role change that makes or unmakes an owner says so in its details
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), "ROLE_CHANGED", "user", memberId)
			.inTeam(teamId)
			.withDetails((member.owner() == changed.owner()) ? Map.of("from", member.roleNames(), "to", role.name())
					: Map.of("from", member.roleNames(), "to", role.name(), "ownership", changed.owner() ? "gained" : "lost")));
		changed(teamId, memberId, "ROLE_CHANGED", actor);
		return changed;
	}

	/**
	 * The actor hands ownership to another member: the new owner gets the team's creator role (flag
	 * {@code creator_default}), the actor the broadest role without {@code team.delete}, which is returned.
	 * Names play no part.
	 */
	@Transactional
	public TeamRole transferOwnership(Actor actor, UUID teamId, UUID newOwnerId) {
		lockTeam(teamId);
		if (actor.userId().equals(newOwnerId)) {
			throw new TeamRuleException("You are already an owner.");
		}
		MemberRow newOwner = member(teamId, newOwnerId);
		if (!this.authorization.can(actor.userId(), teamId, OWNER_PRIVILEGE, null)) {
			throw new TeamPrivilegeMissingException(OWNER_PRIVILEGE);
		}
		TeamRole owner = this.teams.findCreatorRole(teamId)
			.orElseThrow(() -> new IllegalStateException("Team " + teamId + " has no role marked creator_default"));
		TeamRole former = this.teams.findBroadestRoleWithout(teamId, OWNER_PRIVILEGE)
			.orElseThrow(() -> new IllegalStateException("Team " + teamId + " has no role without " + OWNER_PRIVILEGE));
		// both memberships' rows before the grants: a grant written moves the team's list version (V32), which a
		// rename of either member waits for while holding their membership's row (V29): taken the other way round,
		// the two deadlocked (MembersListVersionLockOrderTests)
		this.teams.updateMembershipVersions(teamId, List.of(newOwnerId, actor.userId()));
		this.teams.deleteTeamWideUserRoles(teamId, newOwnerId);
		this.teams.insertUserRole(teamId, newOwnerId, owner.id(), actor.userId());
		this.teams.deleteTeamWideUserRoles(teamId, actor.userId());
		this.teams.insertUserRole(teamId, actor.userId(), former.id(), actor.userId());
		if (!this.authorization.can(newOwnerId, teamId, OWNER_PRIVILEGE, null)) {
			throw new TeamRuleException("This team's creator role does not hold " + OWNER_PRIVILEGE
					+ ", so ownership cannot be handed over with it.");
		}
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), "OWNERSHIP_TRANSFERRED", "user", newOwnerId)
			.inTeam(teamId)
			.withDetails(Map.of("from", actor.userId().toString(), "to", newOwnerId.toString())));
		changed(teamId, actor.userId(), "OWNERSHIP_TRANSFERRED", actor);
		// the new owner's privileges grew: their cached privileges (rbac.RoleCache) must go too
		changed(teamId, newOwnerId, "OWNERSHIP_RECEIVED", actor);
		return former;
	}

	@Transactional
	public MemberRow remove(Actor actor, UUID teamId, UUID memberId) {
		lockTeam(teamId);
		if (actor.userId().equals(memberId)) {
			throw new TeamRuleException("To leave the team yourself, use \"Leave team\".");
		}
		MemberRow member = member(teamId, memberId);
		requireNotAbove(actor, teamId, member, this.authorization.of(actor.userId(), teamId), "remove");
		this.teams.deleteMembership(teamId, memberId);
		requireAnOwnerRemains(teamId, member.displayName() + " is the team's last owner and cannot be removed.");
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), "MEMBER_REMOVED", "user", memberId)
			.inTeam(teamId)
			.withDetails(Map.of("email", member.email())));
		changed(teamId, memberId, "MEMBER_REMOVED", actor);
		this.events.publishEvent(new MemberCountChanged(teamId));
		return member;
	}

	@Transactional
	public void leave(Actor actor, UUID teamId) {
		lockTeam(teamId);
		member(teamId, actor.userId());
		this.teams.deleteMembership(teamId, actor.userId());
		requireAnOwnerRemains(teamId,
				"You are the team's last owner, so you cannot leave it. Make another member an owner first, or delete the team.");
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), "MEMBER_LEFT", "user", actor.userId()).inTeam(teamId));
		changed(teamId, actor.userId(), "MEMBER_LEFT", actor);
		this.events.publishEvent(new MemberCountChanged(teamId));
	}

	/** Whether the member is the only one left holding ownership, for the page to say so up front. */
	public boolean isLastOwner(UUID teamId, MemberRow member) {
		return member.owner() && this.teams.countMembersWithPrivilege(teamId, OWNER_PRIVILEGE) == 1;
	}

	/** Each grant of the member within the actor's reach: team-wide ones held team-wide, scoped ones on their resource. */
	private void requireNotAbove(Actor actor, UUID teamId, MemberRow member, EffectivePrivileges mine, String action) {
		if (!mine.covers(this.authorization.of(member.userId(), teamId))) {
			throw new TeamRuleException("You cannot " + action + " " + member.displayName()
					+ ": they hold privileges you do not have.");
		}
	}

	private void requireAnOwnerRemains(UUID teamId, String refusal) {
		if (this.teams.countMembersWithPrivilege(teamId, OWNER_PRIVILEGE) == 0) {
			// rolls the whole change back
			throw new TeamRuleException(refusal);
		}
	}

	/** Tells listeners (the invitations a member sent) that the member's authority may have shrunk. */
	private void changed(UUID teamId, UUID memberId, String change, Actor actor) {
		this.events.publishEvent(new MembershipChanged(teamId, memberId, change, actor.userId(), actor.email()));
	}

	private void lockTeam(UUID teamId) {
		this.teams.findTeamByIdForUpdate(teamId).orElseThrow(TeamNotFoundException::new);
	}

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** Who makes a change. */
	public record Actor(UUID userId, String email) {
	}

}
