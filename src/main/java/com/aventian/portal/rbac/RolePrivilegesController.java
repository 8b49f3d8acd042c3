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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A cell of the role editor's matrix. Toggling saves at once; a removal that would take the privilege
 * from members is first shown (who loses what, where) and done once confirmed.
 */
@Controller
class RolePrivilegesController {

	private final RoleEditor editor;

	private final ChangePreviews previews;

	private final RoleEditorView view;

	RolePrivilegesController(RoleEditor editor, ChangePreviews previews, RoleEditorView view) {
		this.editor = editor;
		this.previews = previews;
		this.view = view;
	}

	/** {@code granted} is the state asked for, so a repeated click never flips it back. */
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
					model.addAttribute("pending", new RoleEditorView.PendingChange(roleId, privilege, false, version));
					return this.view.show(principal, teamId, request, model);
				}
			}
			this.editor.setPrivilege(actor(principal), teamId, roleId, privilege, granted, version);
			return this.view.done(teamId, (granted ? "Granted " : "Removed ") + privilege + ".", request, principal, model, redirect);
		}
		catch (TeamRuleException ex) {
			return this.view.refused(ex, principal, teamId, request, model);
		}
	}

	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

}
