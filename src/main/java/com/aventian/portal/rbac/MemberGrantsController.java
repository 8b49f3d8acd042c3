package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.MemberNotFoundException;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.Team;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamRuleException;
import com.aventian.portal.team.TeamScopeInterceptor;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A member's grants on the members page: add a role team-wide or narrowed to one of the team's
 * resources, remove a grant after a preview of what it takes away. Each piece is an htmx fragment
 * swapped into the member's row; without htmx the same pieces come as a page.
 */
@Controller
class MemberGrantsController {

	static final String PAGE = "rbac/member-grants";

	static final String GRANTS = "rbac/member-grants :: grants";

	static final String ADD_FORM = "rbac/member-grants :: add-form";

	static final String CONFIRM = "rbac/member-grants :: confirm-removal";

	private final RoleAssignments assignments;

	private final Authorization authorization;

	private final GrantsCells cells;

	MemberGrantsController(RoleAssignments assignments, Authorization authorization, GrantsCells cells) {
		this.assignments = assignments;
		this.authorization = authorization;
		this.cells = cells;
	}

	@HxRequest
	@GetMapping("/teams/{teamId}/members/{userId}/grants")
	@TeamPrivilege("members.read")
	String grants(@PathVariable UUID teamId, @PathVariable UUID userId,
			@RequestAttribute(TeamScopeInterceptor.TEAM) Team team, @RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me,
			Model model) {
		requireMember(teamId, userId);
		addGrants(team, userId, me, null, null, model);
		return GRANTS;
	}

	@GetMapping("/teams/{teamId}/members/{userId}/grants")
	@TeamPrivilege("members.read")
	String grantsPage(@PathVariable UUID teamId, @PathVariable UUID userId,
			@RequestAttribute(TeamScopeInterceptor.TEAM) Team team, @RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me,
			Model model) {
		requireMember(teamId, userId);
		addGrants(team, userId, me, null, null, model);
		addForm(team, userId, me, null, model);
		return PAGE;
	}

	/** The form to add a role; choosing a resource redraws it with the roles the viewer may give there. */
	@HxRequest
	@GetMapping("/teams/{teamId}/members/{userId}/grants/new")
	@TeamPrivilege("members.roles.assign")
	String addForm(@PathVariable UUID teamId, @PathVariable UUID userId,
			@RequestAttribute(TeamScopeInterceptor.TEAM) Team team, @RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me,
			@RequestParam(required = false) UUID resourceId, Model model) {
		requireMember(teamId, userId);
		addGrants(team, userId, me, null, null, model);
		addForm(team, userId, me, resourceId, model);
		return ADD_FORM;
	}

	@HxRequest
	@PostMapping("/teams/{teamId}/members/{userId}/grants")
	@TeamPrivilege("members.roles.assign")
	String assign(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, @RequestAttribute(TeamScopeInterceptor.TEAM) Team team,
			@RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me,
			@RequestParam(required = false) UUID roleId, @RequestParam(required = false) UUID resourceId, Model model) {
		requireMember(teamId, userId);
		try {
			GrantOfMember grant = this.assignments.assign(actor(principal), teamId, userId, roleId, resourceId);
			addGrants(team, userId, me, "Added " + grant.label() + ".", null, model);
			return GRANTS;
		}
		catch (TeamRuleException ex) {
			// the form stays open with what was chosen, and says why
			model.addAttribute("grantsError", ex.getMessage());
			model.addAttribute("chosenRole", roleId);
			addGrants(team, userId, me, null, null, model);
			addForm(team, userId, me, resourceId, model);
			return ADD_FORM;
		}
	}

	@PostMapping("/teams/{teamId}/members/{userId}/grants")
	@TeamPrivilege("members.roles.assign")
	String assignWithoutHtmx(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, @RequestParam(required = false) UUID roleId,
			@RequestParam(required = false) UUID resourceId, RedirectAttributes redirect) {
		requireMember(teamId, userId);
		try {
			GrantOfMember grant = this.assignments.assign(actor(principal), teamId, userId, roleId, resourceId);
			redirect.addFlashAttribute("flashSuccess", "Added " + grant.label() + ".");
		}
		catch (TeamRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/members/" + userId + "/grants";
	}

	/** What removing the grant takes away, with the button that confirms it. */
	@HxRequest
	@GetMapping("/teams/{teamId}/members/{userId}/grants/{grantId}/remove")
	@TeamPrivilege("members.roles.assign")
	String previewRemoval(@PathVariable UUID teamId, @PathVariable UUID userId, @PathVariable UUID grantId,
			@RequestAttribute(TeamScopeInterceptor.TEAM) Team team, @RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me,
			Model model) {
		requireMember(teamId, userId);
		try {
			model.addAttribute("preview", preview(teamId, userId, grantId));
			addGrants(team, userId, me, null, null, model);
			return CONFIRM;
		}
		catch (TeamRuleException ex) {
			addGrants(team, userId, me, null, ex.getMessage(), model);
			return GRANTS;
		}
	}

	@GetMapping("/teams/{teamId}/members/{userId}/grants/{grantId}/remove")
	@TeamPrivilege("members.roles.assign")
	String previewRemovalPage(@PathVariable UUID teamId, @PathVariable UUID userId, @PathVariable UUID grantId,
			@RequestAttribute(TeamScopeInterceptor.TEAM) Team team, @RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me,
			Model model) {
		requireMember(teamId, userId);
		String fragment = previewRemoval(teamId, userId, grantId, team, me, model);
		model.addAttribute("confirming", CONFIRM.equals(fragment));
		return PAGE;
	}

	@HxRequest
	@PostMapping("/teams/{teamId}/members/{userId}/grants/{grantId}/remove")
	@TeamPrivilege("members.roles.assign")
	String remove(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, @PathVariable UUID grantId, @RequestAttribute(TeamScopeInterceptor.TEAM) Team team,
			@RequestAttribute(TeamScopeInterceptor.EFFECTIVE) EffectivePrivileges me, Model model) {
		requireMember(teamId, userId);
		String message = null;
		String error = null;
		try {
			preview(teamId, userId, grantId);
			message = "Removed " + this.assignments.unassign(actor(principal), teamId, grantId).label() + ".";
		}
		catch (TeamRuleException ex) {
			error = ex.getMessage();
		}
		addGrants(team, userId, me, message, error, model);
		return GRANTS;
	}

	@PostMapping("/teams/{teamId}/members/{userId}/grants/{grantId}/remove")
	@TeamPrivilege("members.roles.assign")
	String removeWithoutHtmx(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, @PathVariable UUID grantId, RedirectAttributes redirect) {
		requireMember(teamId, userId);
		try {
			preview(teamId, userId, grantId);
			GrantOfMember removed = this.assignments.unassign(actor(principal), teamId, grantId);
			redirect.addFlashAttribute("flashSuccess", "Removed " + removed.label() + ".");
		}
		catch (TeamRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/members/" + userId + "/grants";
	}

	/** A user of another team (or nobody) is answered as absent (404), as every team page does. */
	private void requireMember(UUID teamId, UUID userId) {
		if (!this.authorization.of(userId, teamId).member()) {
			throw new MemberNotFoundException();
		}
	}

	/** The preview of a grant of this member (a grant id of another member is answered as gone). */
	private UnassignPreview preview(UUID teamId, UUID userId, UUID grantId) {
		UnassignPreview preview = this.assignments.previewUnassign(teamId, grantId);
		if (!preview.grant().userId().equals(userId)) {
			throw new TeamRuleException("That grant no longer exists; the list shows the current ones.");
		}
		return preview;
	}

	/** The member's grants and their cell, with the outcome of the change that redrew it ({@code message}, {@code error}: either may be null). */
	private void addGrants(Team team, UUID userId, EffectivePrivileges me, String message, String error, Model model) {
		List<GrantOfMember> grants = this.assignments.visibleGrantsOf(team.id(), userId);
		model.addAttribute("team", team);
		model.addAttribute("memberId", userId);
		model.addAttribute("grants", grants);
		boolean canChange = me.can(RoleAssignments.ASSIGN) && !me.userId().equals(userId);
		model.addAttribute("canChange", canChange);
		// the link @{...} wrote: context path, then path segments that need no encoding (UUIDs)
		String url = canChange ? ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest()
			.getContextPath() + "/teams/" + team.id() + "/members/" + userId + "/grants" : null;
		// the cell's markup from its one copy (GrantsCells, as in each row of the members page)
		GrantsCells.Cell cell = this.cells.cell(userId, url, grants, this.cells.labels(LocaleContextHolder.getLocale()));
		model.addAttribute("grantsCell", this.cells.html(cell, message, error));
	}

	private void addForm(Team team, UUID userId, EffectivePrivileges me, UUID resourceId, Model model) {
		model.addAttribute("resources", this.assignments.resources(team.id()));
		model.addAttribute("chosenResource", resourceId);
		model.addAttribute("givable", this.assignments.givableBy(me, resourceId));
	}

	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

}
