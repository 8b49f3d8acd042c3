package com.aventian.portal.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.shared.web.NotTeamScoped;
import com.aventian.portal.throttle.Throttle;
import com.aventian.portal.throttle.ThrottledAction;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Linking a provider's identity to an account: after a first sign-in with a provider whose e-mail has an
 * account (the person proves the account with its password), or from the profile page while signed in.
 */
@Controller
@NotTeamScoped
class IdentityLinks {

	static final String PENDING = "aventian.pendingIdentityLink";

	static final String LINK_FOR = "aventian.linkIdentityFor";

	static final String VIEW = "account/link-identity";

	static final String CONFIRM_VIEW = "account/link-identity-confirm";

	private final AccountService accounts;

	private final ProfileService profiles;

	private final SessionControl sessionControl;

	private final CurrentPassword currentPassword;

	private final Throttle throttle;

	IdentityLinks(AccountService accounts, ProfileService profiles, SessionControl sessionControl, CurrentPassword currentPassword,
			Throttle throttle) {
		this.accounts = accounts;
		this.profiles = profiles;
		this.sessionControl = sessionControl;
		this.currentPassword = currentPassword;
		this.throttle = throttle;
	}

	@GetMapping("/account/link")
	String linkPage(HttpSession session, Model model) {
		Optional<ExternalSignIn> pending = pending(session);
		if (pending.isEmpty()) {
			return "redirect:/login";
		}
		model.addAttribute("email", pending.get().email());
		model.addAttribute("hasPassword", this.accounts.findUserByEmail(pending.get().email()).map(User::hasPassword).orElse(false));
		return VIEW;
	}

	@PostMapping("/account/link")
	String link(@RequestParam(defaultValue = "") String password, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		HttpSession session = request.getSession();
		Optional<ExternalSignIn> pending = pending(session);
		if (pending.isEmpty()) {
			return "redirect:/login";
		}
		String email = pending.get().email();
		Optional<User> account = this.accounts.findUserByEmail(email).filter(User::isActive);
		CurrentPassword.Outcome outcome = account.isPresent()
				? this.currentPassword.check(account.get(), password, ClientAddress.of(request))
				: CurrentPassword.Outcome.WRONG;
		if (outcome != CurrentPassword.Outcome.RIGHT) {
			model.addAttribute("email", email);
			model.addAttribute("hasPassword", account.map(User::hasPassword).orElse(false));
			model.addAttribute("linkError", (outcome == CurrentPassword.Outcome.LOCKED)
					? "Too many failed attempts for this e-mail. Try again later." : "That is not the password of this account.");
			return VIEW;
		}
		session.removeAttribute(PENDING);
		this.profiles.link(account.get(), pending.get());
		this.sessionControl.signIn(account.get(), request, response);
		redirect.addFlashAttribute("flashSuccess", "Your provider is linked: next time, sign in with it directly.");
		return "redirect:/";
	}

	/** An account without a password proves itself through its mailbox. */
	@PostMapping("/account/link/email")
	String mailConfirmation(HttpServletRequest request, RedirectAttributes redirect) {
		HttpSession session = request.getSession();
		Optional<ExternalSignIn> pending = pending(session);
		if (pending.isEmpty()) {
			return "redirect:/login";
		}
		this.throttle.attempt(ThrottledAction.RESEND_VERIFICATION, EmailAddress.normalize(pending.get().email()),
				ClientAddress.of(request));
		this.accounts.findUserByEmail(pending.get().email())
			.ifPresent((account) -> this.profiles.mailLinkConfirmation(account, pending.get()));
		redirect.addFlashAttribute("flashSuccess", "We sent a confirmation link to " + pending.get().email()
				+ ". Open it to add this sign-in method to your account.");
		return "redirect:/account/link";
	}

	@GetMapping("/account/link/confirm")
	String confirmPage(@RequestParam(required = false) String token, Model model) {
		TokenCheck check = this.profiles.checkLinkConfirmation(token);
		if (!check.isValid()) {
			return EmailVerificationController.linkProblem(check.state(), "link", model);
		}
		model.addAttribute("token", token);
		model.addAttribute("email", check.token().email());
		return CONFIRM_VIEW;
	}

	@PostMapping("/account/link/confirm")
	String confirm(@RequestParam(required = false) String token, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		TokenCheck check = this.profiles.checkLinkConfirmation(token);
		Optional<ProfileService.LinkConfirmed> linked = this.profiles.confirmLink(token);
		if (linked.isEmpty()) {
			return EmailVerificationController.linkProblem(check.isValid() ? TokenCheck.State.USED : check.state(), "link", model);
		}
		HttpSession session = request.getSession();
		session.removeAttribute(PENDING);
		User user = linked.get().user();
		if (linked.get().mailboxProvedNow()) {
			// as after a verification link: no other browser keeps a session of it (a squatter's included)
			this.sessionControl.endOthers(user.id(), session.getId());
			user = this.accounts.afterVerifiedSignIn(user);
		}
		this.sessionControl.signIn(user, request, response);
		redirect.addFlashAttribute("flashSuccess", "Your provider is linked: next time, sign in with it directly.");
		return "redirect:/";
	}

	/** From the profile: remember whom to link to, then go through the provider's sign-in. */
	@PostMapping("/account/identities/link/{registrationId}")
	String linkFromProfile(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable String registrationId,
			HttpSession session) {
		session.setAttribute(LINK_FOR, principal.userId());
		return "redirect:/oauth2/authorization/" + registrationId.replaceAll("[^A-Za-z0-9_-]", "");
	}

	@PostMapping("/account/identities/{identityId}/unlink")
	String unlink(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID identityId,
			RedirectAttributes redirect) {
		try {
			this.profiles.unlink(principal.userId(), identityId);
			redirect.addFlashAttribute("flashSuccess", "The sign-in method is removed.");
		}
		catch (ProfileException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/account";
	}

	private static Optional<ExternalSignIn> pending(HttpSession session) {
		return (session.getAttribute(PENDING) instanceof ExternalSignIn signIn) ? Optional.of(signIn) : Optional.empty();
	}

}
