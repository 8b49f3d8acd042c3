package com.aventian.portal.rbac;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.TeamRuleException;
import com.aventian.portal.team.TeamService;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the role editor's handlers answer: an htmx call gets the editor region ({@code rbac/roles ::
 * editor}) redrawn with the current state of every role, a plain request the whole page, and a plain
 * form post that succeeded a redirect to it.
 */
@Component
class RoleEditorView {

	static final String VIEW = "rbac/roles";

	static final String EDITOR_FRAGMENT = "rbac/roles :: editor";

	private final RoleMatrices matrices;

	private final TeamService teams;

	RoleEditorView(RoleMatrices matrices, TeamService teams) {
		this.matrices = matrices;
		this.teams = teams;
	}

	String show(PortalPrincipal principal, UUID teamId, HttpServletRequest request, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("matrix", this.matrices.matrix(teamId, principal.userId()));
		model.addAttribute("templates", this.matrices.templates(teamId));
		model.addAttribute("choices", this.matrices.choices(teamId));
		return htmx(request) ? EDITOR_FRAGMENT : VIEW;
	}

	String done(UUID teamId, String message, HttpServletRequest request, PortalPrincipal principal, Model model,
			RedirectAttributes redirect) {
		if (htmx(request)) {
			model.addAttribute("editorMessage", message);
			return show(principal, teamId, request, model);
		}
		redirect.addFlashAttribute("editorMessage", message);
		return "redirect:/teams/" + teamId + "/roles";
	}

	/** The refusal with the current state of every role (a stale edit sees what changed meanwhile). */
	String refused(TeamRuleException ex, PortalPrincipal principal, UUID teamId, HttpServletRequest request, Model model) {
		model.addAttribute("editorError", ex.getMessage());
		return show(principal, teamId, request, model);
	}

	static boolean htmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	/** The change a preview asks to confirm, carried by the confirm button's form. */
	public record PendingChange(UUID roleId, String privilege, boolean granted, int version) {
	}

}
