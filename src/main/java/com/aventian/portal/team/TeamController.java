package com.aventian.portal.team;

import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.rbac.EffectivePrivileges;
import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class TeamController {

	static final String NEW_VIEW = "team/new";

	static final String HOME_VIEW = "team/home";

	static final String SETTINGS_VIEW = "team/settings";

	private final TeamService teams;

	private final TeamActivity activity;

	TeamController(TeamService teams, TeamActivity activity) {
		this.teams = teams;
		this.activity = activity;
	}

	@GetMapping("/teams/new")
	@NotTeamScoped
	String newTeam(@AuthenticationPrincipal PortalPrincipal principal, Model model) {
		model.addAttribute("form", new TeamNameForm(""));
		model.addAttribute("firstTeam", this.teams.teamsOf(principal.userId()).isEmpty());
		return NEW_VIEW;
	}

	@PostMapping("/teams")
	@NotTeamScoped
	String create(@AuthenticationPrincipal PortalPrincipal principal, @Valid @ModelAttribute("form") TeamNameForm form,
			BindingResult errors, HttpServletRequest request, Model model) {
		if (errors.hasErrors()) {
			model.addAttribute("firstTeam", this.teams.teamsOf(principal.userId()).isEmpty());
			return NEW_VIEW;
		}
		Team team = this.teams.createTeam(principal.userId(), principal.email(), form.name());
		CurrentTeam.set(request.getSession(), team.id());
		return "redirect:/teams/" + team.id();
	}

	@GetMapping("/teams/{teamId}")
	@TeamPrivilege("team.read")
	String home(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me, HttpServletRequest request,
			Model model) {
		this.activity.seen(request, teamId, principal.userId());
		model.addAttribute("team", this.teams.homeOf(me));
		return HOME_VIEW;
	}

	@PostMapping("/teams/{teamId}/switch")
	@AnyTeamMember
	String switchTo(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			HttpServletRequest request) {
		this.teams.switchTo(teamId, principal.userId(), principal.email(), ClientAddress.of(request));
		CurrentTeam.set(request.getSession(), teamId);
		return "redirect:/teams/" + teamId;
	}

	@GetMapping("/teams/{teamId}/settings")
	@TeamPrivilege("team.update")
	String settings(@RequestAttribute(TeamScopeInterceptor.TEAM) Team team, Model model) {
		model.addAttribute("team", team);
		model.addAttribute("form", new TeamNameForm(team.name()));
		return SETTINGS_VIEW;
	}

	@PostMapping("/teams/{teamId}/name")
	@TeamPrivilege("team.update")
	String rename(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@Valid @ModelAttribute("form") TeamNameForm form, BindingResult errors,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.teams.rename(teamId, principal.userId(), principal.email(), form.name(), version);
				redirect.addFlashAttribute("flashSuccess", "The team is now called " + form.name() + ".");
				return "redirect:/teams/" + teamId + "/settings";
			}
			catch (TeamRuleException ex) {
				model.addAttribute("renameError", ex.getMessage());
			}
		}
		model.addAttribute("team", this.teams.team(teamId));
		return SETTINGS_VIEW;
	}

	@PostMapping("/teams/{teamId}/delete")
	@TeamPrivilege("team.delete")
	String delete(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "") String confirmName, Model model, RedirectAttributes redirect) {
		Team team = this.teams.team(teamId);
		try {
			this.teams.delete(teamId, principal.userId(), principal.email(), confirmName);
		}
		catch (TeamRuleException ex) {
			model.addAttribute("team", team);
			model.addAttribute("form", new TeamNameForm(team.name()));
			model.addAttribute("deleteError", ex.getMessage());
			model.addAttribute("confirmName", confirmName.length() > 100 ? confirmName.substring(0, 100) : confirmName);
			return SETTINGS_VIEW;
		}
		redirect.addFlashAttribute("flashSuccess", "The team " + team.name() + " is deleted.");
		return "redirect:/";
	}

	static boolean holds(HttpServletRequest request, String privilege) {
		return request.getAttribute(TeamScopeInterceptor.PRIVILEGES) instanceof Set<?> privileges
				&& privileges.contains(privilege);
	}

}
