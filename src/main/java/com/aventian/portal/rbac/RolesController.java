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

/**
 * The role editor, {@code /teams/{teamId}/roles}: the page, and creating, cloning, renaming, describing
 * and deleting roles. One URL per change, answered by {@link RoleEditorView}; rules live in
 * {@link RoleEditor}, and a refusal's message is shown as it is.
 */
@Controller
class RolesController {

	private final RoleEditor editor;

	private final ChangePreviews previews;

	private final RoleEditorView view;

	RolesController(RoleEditor editor, ChangePreviews previews, RoleEditorView view) {
		this.editor = editor;
		this.previews = previews;
		this.view = view;
	}

	@GetMapping("/teams/{teamId}/roles")
	@TeamPrivilege("roles.manage")
	String page(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId, HttpServletRequest request,
			Model model) {
		return this.view.show(principal, teamId, request, model);
	}

	@PostMapping("/teams/{teamId}/roles")
	@TeamPrivilege("roles.manage")
	String create(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) UUID templateId, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			CreatedRole role = this.editor.create(actor(principal), teamId, name, description, templateId);
			return this.view.done(teamId, "The role " + role.name() + " was created.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			model.addAttribute("createName", name);
			model.addAttribute("createDescription", description);
			model.addAttribute("createTemplate", templateId);
			return this.view.refused(ex, principal, teamId, request, model);
		}
	}

	@PostMapping("/teams/{teamId}/roles/clone")
	@TeamPrivilege("roles.manage")
	String cloneRole(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID roleId, @RequestParam(defaultValue = "") String name,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		try {
			CreatedRole role = this.editor.cloneRole(actor(principal), teamId, roleId, name);
			return this.view.done(teamId, "The role " + role.name() + " was created as a copy.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return this.view.refused(ex, principal, teamId, request, model);
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
			return this.view.done(teamId, "The role is now called " + name.strip() + ".", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return this.view.refused(ex, principal, teamId, request, model);
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
			return this.view.done(teamId, "The description was saved.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return this.view.refused(ex, principal, teamId, request, model);
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
				model.addAttribute("pending", new RoleEditorView.PendingChange(roleId, null, false, version));
				return this.view.show(principal, teamId, request, model);
			}
			this.editor.delete(actor(principal), teamId, roleId, version);
			return this.view.done(teamId, "The role was deleted.", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return this.view.refused(ex, principal, teamId, request, model);
		}
	}


	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

}
