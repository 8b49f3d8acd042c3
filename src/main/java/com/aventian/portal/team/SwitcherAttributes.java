package com.aventian.portal.team;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import com.aventian.portal.account.PortalPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;
import org.thymeleaf.context.LazyContextVariable;

/**
 * The team named on the header's switcher button: the page's team, else the session's current team. For
 * the portal's own controllers only: the actuator's endpoints are handler methods too, and a monitor
 * polling health with a session must not cost a query. The team is looked up only when a view draws the
 * header ({@link LazyContextVariable}, read by {@code shared.web.LayoutMarkup}): an htmx partial (the switcher
 * panel, a members list) renders no header and costs no query for it (issue 10).
 */
@ControllerAdvice(basePackages = "com.aventian.portal")
class SwitcherAttributes {

	private final TeamService teams;

	private final TeamNavMarkup navMarkup;

	SwitcherAttributes(TeamService teams, TeamNavMarkup navMarkup) {
		this.teams = teams;
		this.navMarkup = navMarkup;
	}

	@ModelAttribute
	void addSwitcherTeam(HttpServletRequest request, Model model) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof PortalPrincipal principal)
				|| !principal.emailVerified()) {
			return;
		}
		model.addAttribute("switcherEnabled", true);
		Object privileges = request.getAttribute(TeamScopeInterceptor.PRIVILEGES);
		model.addAttribute("teamPrivileges", privileges);
		// the team navigation of a team page (team/fragments :: nav), for the privileges of this request
		model.addAttribute("teamNav", this.navMarkup.forRequest(request.getContextPath(), privileges));
		UUID userId = principal.userId();
		model.addAttribute("switcherTeamName", new LazyContextVariable<String>() {
			@Override
			protected String loadValue() {
				return shownTeam(request, userId).map(Team::name).orElse(null);
			}
		});
	}

	/**
	 * On a team page, the team the gate loaded (no query); elsewhere one indexed query, never the list of
	 * all the user's teams. A session without a team yet (signed in straight onto an account page) takes the
	 * team the person would land on, so every page after names it.
	 */
	private Optional<Team> shownTeam(HttpServletRequest request, UUID userId) {
		UUID pageTeam = pageTeam(request);
		if (pageTeam != null) {
			if (request.getAttribute(TeamScopeInterceptor.TEAM) instanceof Team gated && gated.id().equals(pageTeam)) {
				return Optional.of(gated);
			}
			return this.teams.teamOfMember(pageTeam, userId);
		}
		HttpSession session = request.getSession(false);
		UUID sessionTeam = CurrentTeam.of(session);
		Optional<Team> team = (sessionTeam == null) ? Optional.empty() : this.teams.teamOfMember(sessionTeam, userId);
		if (team.isPresent() || session == null) {
			return team;
		}
		Optional<UUID> landing = this.teams.landingFor(userId, null);
		landing.ifPresent((teamId) -> CurrentTeam.set(session, teamId));
		return landing.flatMap((teamId) -> this.teams.teamOfMember(teamId, userId));
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
