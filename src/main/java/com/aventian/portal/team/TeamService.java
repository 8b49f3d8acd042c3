package com.aventian.portal.team;

import java.net.InetAddress;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.rbac.EffectivePrivileges;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams and who belongs to them. */
@Service
public class TeamService {

	private final TeamMapper teams;

	private final TeamAccess access;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	TeamService(TeamMapper teams, TeamAccess access, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.teams = teams;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	public List<TeamOfUser> teamsOf(UUID userId) {
		return this.teams.findTeamsOfUser(userId);
	}

	/**
	 * The team's home page as the member sees it, from what the team-scope gate read of them (cached with their
	 * privileges: no statement of its own, issue 10); 404 for anyone else.
	 */
	public TeamHome homeOf(EffectivePrivileges member) {
		if (member == null || !member.member()) {
			throw new TeamNotFoundException();
		}
		Team team = member.team();
		return new TeamHome(team.id(), team.name(), team.slug(), member.homeRoles(), member.teamMemberCount());
	}

	/** Where a signed-in person lands: the session's team, else the one they last switched to, else any of theirs. */
	public Optional<UUID> landingFor(UUID userId, UUID sessionTeam) {
		if (sessionTeam != null && this.teams.existsMembership(sessionTeam, userId)) {
			return Optional.of(sessionTeam);
		}
		return this.teams.findLastTeam(userId).or(() -> this.teams.findFirstTeamOfUser(userId));
	}

	/** Makes the team the person's current one; remembered for their next sign-in and logged with the address. */
	@Transactional
	public void switchTo(UUID teamId, UUID userId, String email, InetAddress client) {
		this.access.privilegesOf(teamId, userId);
		this.teams.updateLastTeam(userId, teamId);
		this.audit.recordLogin(email, LoginAction.TEAM_SWITCHED, teamId, client);
	}

	/** The team, if the user is a member of it (one query: for the header on every page). */
	public Optional<Team> teamOfMember(UUID teamId, UUID userId) {
		return this.teams.findTeamOfMember(teamId, userId);
	}

	public Team team(UUID teamId) {
		return this.teams.findTeamById(teamId).orElseThrow(TeamNotFoundException::new);
	}

	@Transactional
	public Team rename(UUID teamId, UUID actorId, String actorEmail, String newName, int seenVersion) {
		Team team = this.teams.findTeamByIdForUpdate(teamId).orElseThrow(TeamNotFoundException::new);
		String cleanName = newName.strip();
		if (this.teams.updateTeamName(teamId, cleanName, slugOf(cleanName), seenVersion, this.clock.instant()) == 0) {
			throw new TeamRuleException("The team was renamed meanwhile by someone else, to \"" + team.name()
					+ "\". Type the name again if you still want a change.");
		}
		this.audit.record(AuditEntry.of(actorId, actorEmail, "TEAM_RENAMED", "team", teamId)
			.inTeam(teamId)
			.withDetails(Map.of("from", team.name(), "to", cleanName)));
		// the team's name and version are part of every member's cached privileges (rbac.RoleCache)
		this.events.publishEvent(new TeamRenamed(teamId));
		return team(teamId);
	}

	/** Soft delete: the team disappears for everyone, its rows and audit trail stay, its invitations are revoked. */
	@Transactional
	public void delete(UUID teamId, UUID actorId, String actorEmail, String typedName) {
		Team team = this.teams.findTeamByIdForUpdate(teamId).orElseThrow(TeamNotFoundException::new);
		if (typedName == null || !team.name().equals(typedName.strip())) {
			throw new TeamRuleException("Type the team's name exactly, \"" + team.name() + "\", to delete it.");
		}
		this.teams.updateTeamDeleted(teamId, this.clock.instant());
		this.audit.record(AuditEntry.of(actorId, actorEmail, "TEAM_DELETED", "team", teamId)
			.inTeam(teamId)
			.withDetails(Map.of("name", team.name())));
		// its pending invitations are revoked in this same transaction
		this.events.publishEvent(new TeamDeleted(teamId, actorId, actorEmail));
	}

	/**
	 * Notes that the member was active in the team, unless that was noted less than
	 * {@link TeamActivity#INTERVAL} ago (by any browser or instance).
	 */
	void touch(UUID teamId, UUID userId) {
		Instant now = this.clock.instant();
		this.teams.updateLastActive(teamId, userId, now, now.minus(TeamActivity.INTERVAL));
	}

	/** Creates a team with its own copy of the role templates; the creator gets the role marked {@code creator_default}. */
	@Transactional
	public Team createTeam(UUID creatorId, String creatorEmail, String name) {
		Instant now = this.clock.instant();
		String cleanName = name.strip();
		Team team = new Team(UUID.randomUUID(), cleanName, slugOf(cleanName), creatorId, 0, now);
		this.teams.insertTeam(team);
		this.teams.insertRolesFromTemplates(team.id());
		this.teams.insertRolePrivilegesFromTemplates(team.id());
		this.teams.insertMembership(team.id(), creatorId, now);
		if (this.teams.insertCreatorRole(team.id(), creatorId) != 1) {
			throw new IllegalStateException("No role template is marked creator_default");
		}
		this.audit.record(AuditEntry.of(creatorId, creatorEmail, "TEAM_CREATED", "team", team.id())
			.inTeam(team.id())
			.withDetails(Map.of("name", cleanName)));
		return team;
	}

	static String slugOf(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		return slug.isEmpty() ? "team" : slug;
	}

}
