package com.aventian.portal.rbac;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamRuleException;
import com.aventian.portal.team.TeamService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The role editor, {@code /teams/{teamId}/roles}. One URL per change; an htmx call gets the editor region
 * redrawn (matrix, forms, outcome), a plain form post a redirect, or the page with what was typed when
 * refused. Rules live in {@link RoleEditor}; a refusal's message is shown as it is.
 */
@Controller
class RolesController {

	static final String VIEW = "rbac/roles";

	static final String EDITOR_FRAGMENT = "rbac/roles :: editor";

	static final String WHY_FRAGMENT = "rbac/roles :: why";

	private final RoleEditor editor;

	private final RoleMatrices matrices;

	private final ChangePreviews previews;

	private final TeamService teams;

	private final Authorization authorization;

	private final RoleAssignments assignments;

	RolesController(RoleEditor editor, RoleMatrices matrices, ChangePreviews previews, TeamService teams,
			Authorization authorization, RoleAssignments assignments) {
		this.editor = editor;
		this.matrices = matrices;
		this.previews = previews;
		this.teams = teams;
		this.authorization = authorization;
		this.assignments = assignments;
	}

	@GetMapping("/teams/{teamId}/roles")
	@TeamPrivilege("roles.manage")
	String page(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId, HttpServletRequest request,
			Model model) {
		return show(principal, teamId, request, model);
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
		if (htmx(request)) {
			return WHY_FRAGMENT;
		}
		return show(principal, teamId, request, model);
	}

	@PostMapping("/teams/{teamId}/roles")
	@TeamPrivilege("roles.manage")
	String create(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) UUID templateId, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			CreatedRole role = this.editor.create(actor(principal), teamId, name, description, templateId);
			return done(teamId, "The role " + role.name() + " was created.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			model.addAttribute("createName", name);
			model.addAttribute("createDescription", description);
			model.addAttribute("createTemplate", templateId);
			return refused(ex, principal, teamId, request, model);
		}
	}

	@PostMapping("/teams/{teamId}/roles/clone")
	@TeamPrivilege("roles.manage")
	String cloneRole(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID roleId, @RequestParam(defaultValue = "") String name,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		try {
			CreatedRole role = this.editor.cloneRole(actor(principal), teamId, roleId, name);
			return done(teamId, "The role " + role.name() + " was created as a copy.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return refused(ex, principal, teamId, request, model);
		}
	}

	@PostMapping("/teams/{teamId}/roles/rename")
	@TeamPrivilege("roles.manage")
	String rename(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID roleId, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "-1") int version, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			this.editor.rename(actor(principal), teamId, roleId, name, version);
			return done(teamId, "The role is now called " + name.strip() + ".", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return refused(ex, principal, teamId, request, model);
		}
	}

	@PostMapping("/teams/{teamId}/roles/describe")
	@TeamPrivilege("roles.manage")
	String describe(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID roleId, @RequestParam(defaultValue = "") String description,
			@RequestParam(defaultValue = "-1") int version, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			this.editor.describe(actor(principal), teamId, roleId, description, version);
			return done(teamId, "The description was saved.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return refused(ex, principal, teamId, request, model);
		}
	}

	/** Without {@code confirmed}, shows who holds the role first; the role goes only once confirmed. */
	@PostMapping("/teams/{teamId}/roles/delete")
	@TeamPrivilege("roles.manage")
	String delete(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID roleId, @RequestParam(defaultValue = "-1") int version,
			@RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			if (!confirmed) {
				this.editor.requireEditable(actor(principal), teamId, roleId, version);
				model.addAttribute("deletion", this.previews.deletion(teamId, roleId));
				model.addAttribute("pending", new PendingChange(roleId, null, false, version));
				return show(principal, teamId, request, model);
			}
			this.editor.delete(actor(principal), teamId, roleId, version);
			return done(teamId, "The role was deleted.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return refused(ex, principal, teamId, request, model);
		}
	}

	/**
	 * A cell of the matrix: grants or removes the privilege. A removal that takes the privilege away from
	 * members is shown first (who loses what) and done once confirmed.
	 */
	@PostMapping("/teams/{teamId}/roles/privileges")
	@TeamPrivilege("roles.manage")
	String setPrivilege(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID roleId, @RequestParam(defaultValue = "") String privilege,
			@RequestParam(defaultValue = "false") boolean granted, @RequestParam(defaultValue = "-1") int version,
			@RequestParam(defaultValue = "false") boolean confirmed, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			if (!granted && !confirmed) {
				this.editor.requireChangeable(actor(principal), teamId, roleId, privilege, false, version);
				LossPreview preview = this.previews.removal(teamId, roleId, privilege);
				if (!preview.nobody()) {
					model.addAttribute("removal", preview);
					model.addAttribute("pending", new PendingChange(roleId, privilege, false, version));
					return show(principal, teamId, request, model);
				}
			}
			this.editor.setPrivilege(actor(principal), teamId, roleId, privilege, granted, version);
			return done(teamId, (granted ? "Granted " : "Removed ") + privilege + ".", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return refused(ex, principal, teamId, request, model);
		}
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
			return done(teamId, member + " now has " + grant.label() + ".", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			model.addAttribute("assignMember", memberId);
			model.addAttribute("assignRole", roleId);
			model.addAttribute("assignResource", resourceId);
			return refused(ex, principal, teamId, request, model);
		}
	}

	private String done(UUID teamId, String message, HttpServletRequest request, PortalPrincipal principal, Model model,
			RedirectAttributes redirect) {
		if (htmx(request)) {
			model.addAttribute("editorMessage", message);
			return show(principal, teamId, request, model);
		}
		redirect.addFlashAttribute("editorMessage", message);
		return "redirect:/teams/" + teamId + "/roles";
	}

	/** The refusal with the current state of every role (a stale edit sees what changed meanwhile). */
	private String refused(TeamRuleException ex, PortalPrincipal principal, UUID teamId, HttpServletRequest request,
			Model model) {
		model.addAttribute("editorError", ex.getMessage());
		return show(principal, teamId, request, model);
	}

	private String show(PortalPrincipal principal, UUID teamId, HttpServletRequest request, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("matrix", this.matrices.matrix(teamId, principal.userId()));
		model.addAttribute("templates", this.matrices.templates(teamId));
		model.addAttribute("choices", this.matrices.choices(teamId));
		return htmx(request) ? EDITOR_FRAGMENT : VIEW;
	}

	static boolean htmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

	/** The change a preview asks to confirm, carried by the confirm button's form. */
	public record PendingChange(UUID roleId, String privilege, boolean granted, int version) {
	}

}
