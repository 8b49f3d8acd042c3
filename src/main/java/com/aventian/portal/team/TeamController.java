package com.aventian.portal.team;

import java.util.UUID;

import jakarta.validation.Valid;

import com.aventian.portal.account.PortalPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class TeamController {

	static final String NEW_VIEW = "team/new";

	static final String HOME_VIEW = "team/home";

	private final TeamService teams;

	TeamController(TeamService teams) {
		this.teams = teams;
	}

	@GetMapping("/teams/new")
	String newTeam(@AuthenticationPrincipal PortalPrincipal principal, Model model) {
		model.addAttribute("form", new TeamNameForm(""));
		model.addAttribute("firstTeam", this.teams.teamsOf(principal.userId()).isEmpty());
		return NEW_VIEW;
	}

	@PostMapping("/teams")
	String create(@AuthenticationPrincipal PortalPrincipal principal, @Valid @ModelAttribute("form") TeamNameForm form,
			BindingResult errors, Model model) {
		if (errors.hasErrors()) {
			model.addAttribute("firstTeam", this.teams.teamsOf(principal.userId()).isEmpty());
			return NEW_VIEW;
		}
		Team team = this.teams.createTeam(principal.userId(), principal.email(), form.name());
		return "redirect:/teams/" + team.id();
	}

	@GetMapping("/teams/{teamId}")
	String home(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId, Model model) {
		model.addAttribute("team", this.teams.homeOf(teamId, principal.userId()));
		return HOME_VIEW;
	}

}
