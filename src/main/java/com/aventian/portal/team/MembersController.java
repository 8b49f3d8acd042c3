package com.aventian.portal.team;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.rbac.EffectivePrivileges;
import com.aventian.portal.team.MembershipService.Actor;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

@Controller
class MembersController {

	static final String VIEW = "team/members";

	/** The htmx answers (the list, a redrawn row) are written by {@link MembersList} and {@link MemberRows}, not a template. */
	private static final String HTML = "text/html;charset=UTF-8";

	static final String REMOVE_VIEW = "team/remove-member";

	static final String LEAVE_VIEW = "team/leave";

	private final MembershipService memberships;

	private final TeamService teams;

	private final TeamActivity activity;

	private final Authorization authorization;

	private final MemberRows rows;

	private final KeptMembersLists lists;

	MembersController(MembershipService memberships, TeamService teams, TeamActivity activity,
			Authorization authorization, MemberRows rows, KeptMembersLists lists) {
		this.authorization = authorization;
		this.rows = rows;
		this.lists = lists;
		this.memberships = memberships;
		this.teams = teams;
		this.activity = activity;
	}

	@GetMapping("/teams/{teamId}/members")
	@TeamPrivilege("members.read")
	String members(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestAttribute(TeamScopeInterceptor.TEAM) Team team, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "1") String page, HttpServletRequest request, Model model) {
		this.activity.seen(request, teamId, principal.userId());
		model.addAttribute("team", team);
		KeptMembersLists.Listed listed = this.lists.list(teamId, q, page, request);
		model.addAttribute("query", listed.query());
		model.addAttribute("canInvite", TeamController.holds(request, "members.invite"));
		// sent as the kept bytes where the template writes it (config.PageView)
		model.addAttribute("list", listed.list());
		return VIEW;
	}

	/** Search as you type and paging: only the list is swapped, sent as {@link MembersList} writes it. */
	@HxRequest
	@GetMapping("/teams/{teamId}/members")
	@TeamPrivilege("members.read")
	void membersList(@PathVariable UUID teamId, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "1") String page, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		send(this.lists.list(teamId, q, page, request).list().bytes(), request, response);
	}

	@PostMapping("/teams/{teamId}/members/{userId}/role")
	@TeamPrivilege("members.roles.assign")
	String changeRole(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, @RequestParam(required = false) UUID roleId,
			@RequestParam(defaultValue = "-1") int version, RedirectAttributes redirect) {
		MemberRow member = this.memberships.member(teamId, userId);
		try {
			MemberRow changed = this.memberships.changeRole(actor(principal), teamId, userId, roleId, version);
			redirect.addFlashAttribute("flashSuccess", changed.displayName() + " is now " + changed.roleNames() + ".");
		}
		catch (TeamRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/members?q=" + urlSafe(member.email());
	}

	/** The role picker in a row: the row comes back redrawn, with the outcome in it. */
	@HxRequest
	@PostMapping("/teams/{teamId}/members/{userId}/role")
	@TeamPrivilege("members.roles.assign")
	void changeRoleInRow(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, @RequestParam(required = false) UUID roleId,
			@RequestParam(defaultValue = "-1") int version, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String message = null;
		String error = null;
		try {
			MemberRow changed = this.memberships.changeRole(actor(principal), teamId, userId, roleId, version);
			message = changed.displayName() + " is now " + changed.roleNames() + ".";
		}
		catch (TeamRuleException ex) {
			error = ex.getMessage();
		}
		// read again: the change may have been the viewer's own role
		EffectivePrivileges mine = this.authorization.of(principal.userId(), teamId);
		MemberRows.Viewer viewer = MemberRows.Viewer.of(request,
				TeamController.holds(request, "members.roles.assign") ? this.memberships.rolesGivableBy(mine) : List.of());
		send(this.rows.html(this.memberships.member(teamId, userId), teamId, viewer, request, message, error)
			.getBytes(StandardCharsets.UTF_8), request, response);
	}

	@GetMapping("/teams/{teamId}/members/{userId}/remove")
	@TeamPrivilege("members.remove")
	String confirmRemoval(@PathVariable UUID teamId, @PathVariable UUID userId, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("member", this.memberships.member(teamId, userId));
		return REMOVE_VIEW;
	}

	@PostMapping("/teams/{teamId}/members/{userId}/remove")
	@TeamPrivilege("members.remove")
	String remove(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, Model model, RedirectAttributes redirect) {
		try {
			MemberRow removed = this.memberships.remove(actor(principal), teamId, userId);
			redirect.addFlashAttribute("flashSuccess", removed.displayName() + " was removed from the team.");
			return "redirect:/teams/" + teamId + "/members";
		}
		catch (TeamRuleException ex) {
			model.addAttribute("team", this.teams.team(teamId));
			model.addAttribute("member", this.memberships.member(teamId, userId));
			model.addAttribute("flashError", ex.getMessage());
			return REMOVE_VIEW;
		}
	}

	@PostMapping("/teams/{teamId}/members/{userId}/ownership")
	@TeamPrivilege("team.delete")
	String transferOwnership(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID userId, RedirectAttributes redirect) {
		MemberRow member = this.memberships.member(teamId, userId);
		try {
			TeamRole yours = this.memberships.transferOwnership(actor(principal), teamId, userId);
			redirect.addFlashAttribute("flashSuccess", member.displayName() + " is now an owner; your role is " + yours.name() + ".");
		}
		catch (TeamRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/members";
	}

	@GetMapping("/teams/{teamId}/leave")
	@AnyTeamMember
	String confirmLeave(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId, Model model) {
		MemberRow me = this.memberships.member(teamId, principal.userId());
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("lastOwner", this.memberships.isLastOwner(teamId, me));
		return LEAVE_VIEW;
	}

	@PostMapping("/teams/{teamId}/leave")
	@AnyTeamMember
	String leave(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId, Model model,
			RedirectAttributes redirect) {
		Team team = this.teams.team(teamId);
		try {
			this.memberships.leave(actor(principal), teamId);
		}
		catch (TeamRuleException ex) {
			model.addAttribute("team", team);
			model.addAttribute("lastOwner", true);
			model.addAttribute("flashError", ex.getMessage());
			return LEAVE_VIEW;
		}
		redirect.addFlashAttribute("flashSuccess", "You left " + team.name() + ".");
		return "redirect:/";
	}

	/**
	 * Markup sent as it is, with the headers a template's view gave it (its type, and the language it is in), in one
	 * write of its bytes: through a {@code ResponseEntity} the content negotiation, the headers' copies and the
	 * string converter were about an eighth of the htmx list's CPU (issue 10, docs/PERFORMANCE.md).
	 */
	private static void send(byte[] body, HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setContentType(HTML);
		response.setHeader(HttpHeaders.CONTENT_LANGUAGE, RequestContextUtils.getLocale(request).toLanguageTag());
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static String urlSafe(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

}
