package com.aventian.portal.team;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.account.PortalPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The gate of every {@code /teams/{teamId}/...} route, before any parameter is bound: the caller must
 * be a member (else 404, as if the team did not exist) and hold the handler's {@link TeamPrivilege}
 * (else 403). {@link TeamScopeDeclarations} already refused to start the portal if a handler declares no
 * scope; a handler with neither team annotation is refused here too, should one slip past.
 */
public class TeamScopeInterceptor implements HandlerInterceptor {

	/** The caller's team-wide privileges, for pages that show or hide what they allow. */
	static final String PRIVILEGES = TeamScopeInterceptor.class.getName() + ".privileges";

	/** The caller's {@link com.aventian.portal.rbac.EffectivePrivileges}, scoped grants included. */
	public static final String EFFECTIVE = "com.aventian.portal.team.TeamScopeInterceptor.effective";

	/** The team the gate loaded, for the handler ({@code @RequestAttribute(TEAM) Team}) and the header's label. */
	public static final String TEAM = "com.aventian.portal.team.TeamScopeInterceptor.team";

	private final TeamAccess access;

	TeamScopeInterceptor(TeamAccess access) {
		this.access = access;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables == null || !variables.containsKey("teamId") || !(handler instanceof HandlerMethod method)) {
			return true;
		}
		UUID teamId = TeamIds.parse(variables.get("teamId"));
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof PortalPrincipal principal)) {
			throw new TeamNotFoundException();
		}
		MemberAccess access = this.access.accessOf(teamId, principal.userId());
		TeamPrivilege needed = method.getMethodAnnotation(TeamPrivilege.class);
		if (needed != null) {
			// a team page is a team-wide check: a grant narrowed to one resource does not open it
			if (!access.effective().can(needed.value())) {
				throw new TeamPrivilegeMissingException(needed.value());
			}
		}
		else if (!method.hasMethodAnnotation(AnyTeamMember.class)) {
			throw new IllegalStateException(method + " is team-scoped but declares no @TeamPrivilege or @AnyTeamMember");
		}
		request.setAttribute(PRIVILEGES, access.privileges());
		request.setAttribute(EFFECTIVE, access.effective());
		request.setAttribute(TEAM, access.team());
		return true;
	}

}
