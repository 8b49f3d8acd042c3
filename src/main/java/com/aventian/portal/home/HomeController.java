package com.aventian.portal.home;

import com.aventian.portal.account.AccountGoneException;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.account.User;
import com.aventian.portal.shared.web.NotTeamScoped;
import com.aventian.portal.team.CurrentTeam;
import com.aventian.portal.team.TeamNameForm;
import com.aventian.portal.team.TeamService;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
@NotTeamScoped
class HomeController {

	static final String VIEW = "home/page";

	private final AccountService accounts;

	private final TeamService teams;

	HomeController(AccountService accounts, TeamService teams) {
		this.accounts = accounts;
		this.teams = teams;
	}

	/** The landing: a person with a team goes to it; without one they see this page, to create or await one. */
	@GetMapping("/")
	String home(@AuthenticationPrincipal PortalPrincipal principal, HttpSession session, Model model) {
		var landing = this.teams.landingFor(principal.userId(), CurrentTeam.of(session));
		if (landing.isPresent()) {
			return "redirect:/teams/" + landing.get();
		}
		User user = this.accounts.findUser(principal.userId()).orElseThrow(AccountGoneException::new);
		model.addAttribute("user", user);
		model.addAttribute("teams", this.teams.teamsOf(user.id()));
		model.addAttribute("form", new TeamNameForm(""));
		return VIEW;
	}

}
