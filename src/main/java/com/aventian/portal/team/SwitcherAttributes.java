package com.aventian.portal.team;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.aventian.portal.account.PortalPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.thymeleaf.context.LazyContextVariable;

/**
 * The team named on the header's switcher button: the page's team, else the session's current team; with the
 * team navigation and the member's privileges for team pages. For the portal's own controllers only (Boot's error
 * controller shares their handler mapping; the actuator's endpoints have their own and never come here). The team
 * is looked up only when a view draws the header ({@link LazyContextVariable}, read by
 * {@code shared.web.LayoutMarkup}): an htmx partial (the switcher panel, a members list) renders no header and costs
 * no query for it (issue 10).
 * <p>
 * Put into the page's model after its handler ({@link TeamWebConfig}), not by a {@code @ModelAttribute} advice: for
 * an advice Spring built an invocable method, resolved its arguments and made a data binder and binding result for
 * each value on every request, a redirect's included (about 3% of team home's CPU, issue 10). A redirect's model
 * gets nothing: it would go into the redirect's query.
 */
@Component
class SwitcherAttributes implements HandlerInterceptor {

	private static final String PORTAL_PACKAGE = "com.aventian.portal.";

	private final TeamService teams;

	private final TeamNavMarkup navMarkup;

	SwitcherAttributes(TeamService teams, TeamNavMarkup navMarkup) {
		this.teams = teams;
		this.navMarkup = navMarkup;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
		if (page != null && handler instanceof HandlerMethod method
				&& method.getBeanType().getName().startsWith(PORTAL_PACKAGE) && !isRedirect(page)) {
			addSwitcherTeam(request, page.getModelMap());
		}
	}

	private static boolean isRedirect(ModelAndView page) {
		String name = page.getViewName();
		return (name != null) ? name.startsWith("redirect:")
				: page.getView() instanceof SmartView view && view.isRedirectView();
	}

	private void addSwitcherTeam(HttpServletRequest request, ModelMap model) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof PortalPrincipal principal)
				|| !principal.emailVerified()) {
			return;
		}
		model.addAttribute("switcherEnabled", true);
		Object privileges = request.getAttribute(TeamScopeInterceptor.PRIVILEGES);
		model.addAttribute("teamPrivileges", privileges);
		// the team navigation of a team page (team/nav.html), for the privileges of this request
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
