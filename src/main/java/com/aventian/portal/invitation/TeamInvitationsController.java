package com.aventian.portal.invitation;

import java.util.UUID;
import java.util.stream.Collectors;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.account.User;
import com.aventian.portal.invitation.InvitationService.Inviter;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamRole;
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

/** A team's invitations page: invite by e-mail, see pending invitations and their history, resend, revoke. */
@Controller
class TeamInvitationsController {

	static final String VIEW = "invitation/team-invitations";

	private final InvitationService invitations;

	private final TeamService teams;

	private final AccountService accounts;

	TeamInvitationsController(InvitationService invitations, TeamService teams, AccountService accounts) {
		this.invitations = invitations;
		this.teams = teams;
		this.accounts = accounts;
	}

	@GetMapping("/teams/{teamId}/invitations")
	@TeamPrivilege("members.invite")
	String page(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "1") String page, Model model) {
		return page(principal, teamId, "", null, pageNumber(page), model);
	}

	@PostMapping("/teams/{teamId}/invitations")
	@TeamPrivilege("members.invite")
	String invite(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "") String emails, @RequestParam(required = false) UUID roleId, Model model) {
		try {
			InviteOutcome outcome = this.invitations.invite(teamId, inviter(principal), emails, roleId);
			model.addAttribute("outcome", outcome);
			// what was refused goes back into the box, to correct
			String retry = outcome.refused().stream().map(InviteOutcome.Refused::entry).collect(Collectors.joining("\n"));
			return page(principal, teamId, retry, roleId, 1, model);
		}
		catch (TeamRuleException ex) {
			model.addAttribute("inviteError", ex.getMessage());
			return page(principal, teamId, emails.length() > 20_000 ? emails.substring(0, 20_000) : emails, roleId, 1, model);
		}
	}

	@PostMapping("/teams/{teamId}/invitations/{invitationId}/resend")
	@TeamPrivilege("members.invite")
	String resend(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID invitationId, RedirectAttributes redirect) {
		try {
			this.invitations.resend(teamId, inviter(principal), invitationId);
			redirect.addFlashAttribute("flashSuccess", "The invitation was sent again with a new link; the old link no longer works.");
		}
		catch (TeamRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/invitations";
	}

	@PostMapping("/teams/{teamId}/invitations/{invitationId}/revoke")
	@TeamPrivilege("members.invite")
	String revoke(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID invitationId, RedirectAttributes redirect) {
		try {
			this.invitations.revoke(teamId, inviter(principal), invitationId);
			redirect.addFlashAttribute("flashSuccess", "The invitation is revoked; its link no longer works.");
		}
		catch (TeamRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/invitations";
	}

	private String page(PortalPrincipal principal, UUID teamId, String emails, UUID roleId, int page, Model model) {
		var roles = this.invitations.rolesGivableBy(teamId, principal.userId());
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("roles", roles);
		model.addAttribute("emails", emails);
		model.addAttribute("selectedRole", roleId != null ? roleId
				: roles.stream().filter(TeamRole::invitationDefault).findFirst().map(TeamRole::id).orElse(null));
		model.addAttribute("page", this.invitations.ofTeam(teamId, page));
		model.addAttribute("maxPerSubmission", InvitationService.MAX_PER_SUBMISSION);
		return VIEW;
	}

	private static int pageNumber(String page) {
		try {
			return Integer.parseInt(page.strip());
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	private Inviter inviter(PortalPrincipal principal) {
		User user = this.accounts.findUser(principal.userId()).orElseThrow();
		return new Inviter(user.id(), user.email(), user.displayName());
	}

}
