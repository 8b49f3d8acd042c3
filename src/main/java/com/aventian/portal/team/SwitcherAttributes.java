package com.aventian.portal.team;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.account.PortalPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;

/** The team named on the header's switcher button: the page's team, else the session's current team. */
@ControllerAdvice
class SwitcherAttributes {

	private final TeamService teams;

	SwitcherAttributes(TeamService teams) {
		this.teams = teams;
	}

	@ModelAttribute
	void addSwitcherTeam(HttpServletRequest request, Model model) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof PortalPrincipal principal)
				|| !principal.emailVerified()) {
			return;
		}
		model.addAttribute("switcherEnabled", true);
		model.addAttribute("teamPrivileges", request.getAttribute(TeamScopeInterceptor.PRIVILEGES));
		UUID shown = pageTeam(request);
		if (shown == null) {
			shown = CurrentTeam.of(request.getSession(false));
		}
		UUID wanted = shown;
		model.addAttribute("switcherTeam", (wanted == null) ? null
				: this.teams.teamsOf(principal.userId()).stream().filter((team) -> team.id().equals(wanted)).findFirst().orElse(null));
	}

	private static UUID pageTeam(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get("teamId") instanceof String teamId) {
			try {
				return UUID.fromString(teamId);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return null;
	}

}
