package com.aventian.portal.rbac;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.AnyTeamMember;
import com.aventian.portal.team.TeamService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** "Your access": every member sees what their grants let them do in the team, and where. */
@Controller
class AccessController {

	static final String VIEW = "rbac/access";

	private final Authorization authorization;

	private final TeamService teams;

	AccessController(Authorization authorization, TeamService teams) {
		this.authorization = authorization;
		this.teams = teams;
	}

	@GetMapping("/teams/{teamId}/access")
	@AnyTeamMember
	String access(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId, Model model) {
		EffectivePrivileges mine = this.authorization.of(principal.userId(), teamId);
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("rows", rows(mine.grants()));
		return VIEW;
	}

	/** One row per privilege and scope; an invisible role is not named (no team page names one). */
	static List<AccessRow> rows(List<Grant> grants) {
		return grants.stream()
			.map((grant) -> new AccessRow(grant.privilege(), grant.scope(), grant.visible() ? grant.roleName() : null))
			.distinct()
			.sorted(Comparator.comparing(AccessRow::privilege)
				.thenComparing((row) -> !row.where().equals("team-wide"))
				.thenComparing(AccessRow::where)
				.thenComparing((row) -> (row.through() == null) ? "" : row.through()))
			.toList();
	}

	/** {@code through} is null for a role no team page names. */
	public record AccessRow(String privilege, String where, String through) {
	}

}
