package com.aventian.portal.team;

import java.util.List;
import java.util.Locale;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The header's team switcher, loaded into the page by htmx when opened. */
@Controller
@NotTeamScoped
class TeamSwitcherController {

	/** Past this many teams the switcher offers a search field. */
	static final int SEARCH_FROM = 8;

	private final TeamService teams;

	TeamSwitcherController(TeamService teams) {
		this.teams = teams;
	}

	@GetMapping("/switcher")
	String switcher(@AuthenticationPrincipal PortalPrincipal principal, @RequestParam(defaultValue = "") String q,
			Model model) {
		List<TeamOfUser> all = this.teams.teamsOf(principal.userId());
		String query = q.strip().toLowerCase(Locale.ROOT);
		model.addAttribute("switcherTeams",
				query.isEmpty() ? all : all.stream().filter((team) -> team.name().toLowerCase(Locale.ROOT).contains(query)).toList());
		model.addAttribute("searchable", all.size() >= SEARCH_FROM);
		model.addAttribute("q", q);
		return "fragments/switcher :: " + (q.isEmpty() ? "panel" : "list");
	}

}
