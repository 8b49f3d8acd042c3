package com.aventian.portal.rbac;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamRuleException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The role editor's panels that read or change grants rather than roles: "why?" and assigning a role. */
@Controller
class RoleEditorPanelsController {

	static final String WHY_FRAGMENT = "rbac/roles :: why";

	private final Authorization authorization;

	private final RoleAssignments assignments;

	private final RoleEditorView view;

	RoleEditorPanelsController(Authorization authorization, RoleAssignments assignments, RoleEditorView view) {
		this.authorization = authorization;
		this.assignments = assignments;
		this.view = view;
	}

	/**
	 * "Why?": which grant gives the member the privilege (on the resource, if one is named), or that none
	 * does. A person who is not a member of this team is answered as having nothing, and never named.
	 */
	@GetMapping("/teams/{teamId}/roles/why")
	@TeamPrivilege("roles.manage")
	String why(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID userId, @RequestParam(defaultValue = "") String privilege,
			@RequestParam(required = false) UUID resourceId, HttpServletRequest request, Model model) {
		if (userId != null && !privilege.isBlank()) {
			model.addAttribute("why", this.authorization.explain(userId, teamId, privilege.strip(), resourceId));
		}
		model.addAttribute("whyUser", userId);
		model.addAttribute("whyPrivilege", privilege);
		model.addAttribute("whyResource", resourceId);
		if (RoleEditorView.htmx(request)) {
			return WHY_FRAGMENT;
		}
		return this.view.show(principal, teamId, request, model);
	}

	/** Gives a member a role from the editor, team-wide or narrowed to one resource (rules: {@link RoleAssignments}). */
	@PostMapping("/teams/{teamId}/roles/assign")
	@TeamPrivilege("members.roles.assign")
	String assign(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID memberId, @RequestParam(required = false) UUID roleId,
			@RequestParam(required = false) UUID resourceId, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			if (memberId == null || roleId == null) {
				throw new TeamRuleException("Choose a member and a role.");
			}
			GrantOfMember grant = this.assignments.assign(actor(principal), teamId, memberId, roleId, resourceId);
			String member = this.authorization.of(memberId, teamId).memberName();
			return this.view.done(teamId, member + " now has " + grant.label() + ".", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			model.addAttribute("assignMember", memberId);
			model.addAttribute("assignRole", roleId);
			model.addAttribute("assignResource", resourceId);
			return this.view.refused(ex, principal, teamId, request, model);
		}
	}

	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

}
