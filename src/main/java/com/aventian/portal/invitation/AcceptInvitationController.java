package com.aventian.portal.invitation;

import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.PasswordPolicy;
import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.account.SessionControl;
import com.aventian.portal.account.User;
import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.team.CurrentTeam;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The invitation link, for every kind of invitee: signed in as the invited e-mail (join), signed in as
 * someone else (sign out first), with an account (sign in, then back here), without one (sign up with
 * the e-mail fixed). Opening the link changes nothing but its history; joining is a POST.
 */
@Controller
class AcceptInvitationController {

	static final String VIEW = "invitation/accept";

	private final InvitationService invitations;

	private final AccountService accounts;

	private final PasswordPolicy policy;

	private final SessionControl sessionControl;

	private final String termsUrl;

	AcceptInvitationController(InvitationService invitations, AccountService accounts, PasswordPolicy policy,
			SessionControl sessionControl, @Value("${aventian.terms-url}") String termsUrl) {
		this.invitations = invitations;
		this.accounts = accounts;
		this.policy = policy;
		this.sessionControl = sessionControl;
		this.termsUrl = termsUrl;
	}

	@GetMapping("/invitations/accept")
	String open(@RequestParam(required = false) String token, @AuthenticationPrincipal PortalPrincipal principal,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		LinkCheck check = this.invitations.open(token);
		if (check.state() != LinkCheck.State.USABLE) {
			return problem(check, model);
		}
		model.addAttribute("token", token);
		model.addAttribute("invitation", check.view());
		if (principal != null) {
			boolean invited = principal.email().equalsIgnoreCase(check.invitation().email());
			model.addAttribute("mode", invited ? "confirm" : "other-account");
			model.addAttribute("signedInAs", principal.email());
			return VIEW;
		}
		if (this.accounts.findUserByEmail(check.invitation().email()).isPresent()) {
			// after signing in, Spring Security brings the person back to this link
			new HttpSessionRequestCache().saveRequest(request, response);
			model.addAttribute("mode", "sign-in");
			return VIEW;
		}
		model.addAttribute("mode", "sign-up");
		model.addAttribute("form", InvitedSignUpForm.empty());
		model.addAttribute("termsUrl", this.termsUrl);
		return VIEW;
	}

	@PostMapping("/invitations/accept")
	String accept(@RequestParam(required = false) String token, @AuthenticationPrincipal PortalPrincipal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		if (principal == null) {
			return "redirect:" + acceptUrl(token);
		}
		User user = this.accounts.findUser(principal.userId()).orElseThrow();
		LinkCheck result = this.invitations.accept(token, user, ClientAddress.of(request));
		if (result.state() == LinkCheck.State.ACCEPTED) {
			CurrentTeam.set(request.getSession(), result.invitation().teamId());
		}
		return joined(result, token, principal, model, redirect);
	}

	@PostMapping("/invitations/sign-up")
	String signUp(@RequestParam(required = false) String token, @Valid @ModelAttribute("form") InvitedSignUpForm form,
			BindingResult errors, HttpServletRequest request, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		LinkCheck check = this.invitations.check(token);
		if (check.state() != LinkCheck.State.USABLE) {
			return problem(check, model);
		}
		String email = check.invitation().email();
		Optional<User> existing = this.accounts.findUserByEmail(email);
		if (existing.isPresent()) {
			return "redirect:" + acceptUrl(token);
		}
		if (!errors.hasFieldErrors("password")) {
			this.policy.problemWith(form.password(), email, form.displayName())
				.ifPresent((problem) -> errors.rejectValue("password", "weak", problem));
		}
		if (form.password() != null && !form.password().equals(form.passwordConfirmation())) {
			errors.rejectValue("passwordConfirmation", "mismatch", "The two passwords differ. Type the same password twice.");
		}
		if (errors.hasErrors()) {
			model.addAttribute("token", token);
			model.addAttribute("invitation", check.view());
			model.addAttribute("mode", "sign-up");
			model.addAttribute("termsUrl", this.termsUrl);
			return VIEW;
		}
		User user = this.accounts.createInvitedUser(email, form.displayName(), form.password());
		LinkCheck accepted = this.invitations.accept(token, user, ClientAddress.of(request));
		this.sessionControl.signIn(user, request, response);
		if (accepted.state() != LinkCheck.State.ACCEPTED) {
			return problem(accepted, model);
		}
		CurrentTeam.set(request.getSession(), accepted.invitation().teamId());
		redirect.addFlashAttribute("flashSuccess", "Welcome to " + accepted.view().teamName() + ".");
		return "redirect:/teams/" + accepted.invitation().teamId();
	}

	/** Signs the current person out so the invitee can continue in this browser. */
	@PostMapping("/invitations/switch-account")
	String switchAccount(@RequestParam(required = false) String token, HttpServletRequest request)
			throws ServletException {
		request.logout();
		if (request.getSession(false) != null) {
			request.getSession(false).invalidate();
		}
		return "redirect:" + acceptUrl(token);
	}

	private String joined(LinkCheck result, String token, PortalPrincipal principal, Model model,
			RedirectAttributes redirect) {
		switch (result.state()) {
			case ACCEPTED -> {
				redirect.addFlashAttribute("flashSuccess", "Welcome to " + result.view().teamName() + ".");
				return "redirect:/teams/" + result.invitation().teamId();
			}
			case ALREADY_MEMBER -> {
				redirect.addFlashAttribute("flashSuccess", "You are already a member of " + result.view().teamName() + ".");
				return "redirect:/teams/" + result.invitation().teamId();
			}
			case OTHER_EMAIL -> {
				model.addAttribute("token", token);
				model.addAttribute("invitation", result.view());
				model.addAttribute("mode", "other-account");
				model.addAttribute("signedInAs", principal.email());
				return VIEW;
			}
			default -> {
				return problem(result, model);
			}
		}
	}

	private static String problem(LinkCheck check, Model model) {
		model.addAttribute("mode", "problem");
		model.addAttribute("state", check.state().name());
		model.addAttribute("invitation", check.view());
		return VIEW;
	}

	private static String acceptUrl(String token) {
		// a real token is 43 characters; a huge one would overflow the redirect's headers (a 500), and is invalid anyway
		String kept = (token == null || token.length() > 256) ? "" : token;
		// the token goes in as a variable's value, so braces in it are text, never a template
		return UriComponentsBuilder.fromPath("/invitations/accept").queryParam("token", "{token}").encode()
			.buildAndExpand(kept).toUriString();
	}

}
