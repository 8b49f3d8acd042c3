package com.aventian.portal.team;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams and who belongs to them. */
@Service
public class TeamService {

	static final String OWNER_ROLE = "Owner";

	private final TeamMapper teams;

	private final TeamAccess access;

	private final AuditLog audit;

	private final Clock clock;

	TeamService(TeamMapper teams, TeamAccess access, AuditLog audit, Clock clock) {
		this.teams = teams;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	public List<TeamOfUser> teamsOf(UUID userId) {
		return this.teams.findTeamsOfUser(userId);
	}

	/** The team's home page as the member sees it; 404 for anyone else. */
	public TeamHome homeOf(UUID teamId, UUID userId) {
		this.access.require(teamId, userId, "team.read");
		return this.teams.findTeamHome(teamId, userId).orElseThrow(TeamNotFoundException::new);
	}

	/** Creates a team with its own copy of the role templates; the creator becomes its Owner. */
	@Transactional
	public Team createTeam(UUID creatorId, String creatorEmail, String name) {
		Instant now = this.clock.instant();
		String cleanName = name.strip();
		Team team = new Team(UUID.randomUUID(), cleanName, slugOf(cleanName), creatorId, 0, now);
		this.teams.insertTeam(team);
		this.teams.insertRolesFromTemplates(team.id());
		this.teams.insertRolePrivilegesFromTemplates(team.id());
		this.teams.insertMembership(team.id(), creatorId, now);
		this.teams.insertUserRoleByName(team.id(), creatorId, OWNER_ROLE, creatorId);
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
