package com.aventian.portal.account;

import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.aventian.portal.audit.AuditTrail;
import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The profile page: name, e-mail change, password change, sign-in methods. */
@Controller
@NotTeamScoped
class ProfileController {

	static final String VIEW = "account/profile";

	static final String EMAIL_CONFIRM_VIEW = "account/email-confirm";

	private final ProfileService profiles;

	private final SessionControl sessionControl;

	private final AuditTrail auditTrail;

	private final Map<String, String> providerNames;

	private final Map<String, String> registrations;

	ProfileController(ProfileService profiles, SessionControl sessionControl, AuditTrail auditTrail,
			ObjectProvider<ClientRegistrationRepository> registrations) {
		this.profiles = profiles;
		this.sessionControl = sessionControl;
		this.auditTrail = auditTrail;
		this.providerNames = providerNames(registrations.getIfAvailable(), true);
		this.registrations = providerNames(registrations.getIfAvailable(), false);
	}

	@GetMapping("/account")
	String profile(@AuthenticationPrincipal PortalPrincipal principal, Model model) {
		return page(principal, model);
	}

	@PostMapping("/account/name")
	String rename(@AuthenticationPrincipal PortalPrincipal principal, @RequestParam(defaultValue = "") String displayName,
			Model model, RedirectAttributes redirect) {
		String name = displayName.strip();
		if (name.isEmpty() || name.length() > 100) {
			model.addAttribute("errors", Map.of("displayName", name.isEmpty() ? "Enter your name." : "Use at most 100 characters."));
			model.addAttribute("typedName", name.length() > 100 ? name.substring(0, 100) : name);
			return page(principal, model);
		}
		this.profiles.rename(principal.userId(), name);
		redirect.addFlashAttribute("flashSuccess", "Your name is saved.");
		return "redirect:/account";
	}

	@PostMapping("/account/email")
	String changeEmail(@AuthenticationPrincipal PortalPrincipal principal, @RequestParam(defaultValue = "") String newEmail,
			@RequestParam(defaultValue = "") String currentPassword, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		String email = newEmail.strip();
		try {
			if (!EmailAddress.isValid(email)) {
				throw new ProfileException("newEmail", email.length() > EmailAddress.MAX_LENGTH ? "Use at most 320 characters."
						: "Enter an e-mail address like name@example.com.");
			}
			this.profiles.requestEmailChange(principal.userId(), email, currentPassword, ClientAddress.of(request));
		}
		catch (ProfileException ex) {
			model.addAttribute("errors", Map.of(ex.field(), ex.getMessage()));
			model.addAttribute("typedEmail", email.length() > 320 ? email.substring(0, 320) : email);
			return page(principal, model);
		}
		redirect.addFlashAttribute("flashSuccess", "We sent a link to " + email
				+ ". Your e-mail changes once you open it; until then, sign in with your current one.");
		return "redirect:/account";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal PortalPrincipal principal,
			@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
			@RequestParam(defaultValue = "") String newPasswordConfirmation, HttpServletRequest request,
			HttpSession session, Model model, RedirectAttributes redirect) {
		try {
			if (!newPassword.equals(newPasswordConfirmation)) {
				throw new ProfileException("newPasswordConfirmation", "The two passwords differ. Type the same password twice.");
			}
			this.profiles.changePassword(principal.userId(), currentPassword, newPassword, ClientAddress.of(request));
		}
		catch (ProfileException ex) {
			model.addAttribute("errors", Map.of(ex.field(), ex.getMessage()));
			return page(principal, model);
		}
		// whoever knew the old password keeps no session
		int ended = this.sessionControl.endOthers(principal.userId(), session.getId());
		redirect.addFlashAttribute("flashSuccess", "Your password is changed."
				+ (ended > 0 ? " " + ended + (ended == 1 ? " other session was" : " other sessions were") + " signed out." : ""));
		return "redirect:/account";
	}

	@GetMapping("/account/email/confirm")
	String confirmEmailPage(@RequestParam(required = false) String token, Model model) {
		TokenCheck check = this.profiles.checkEmailChange(token);
		if (!check.isValid()) {
			return EmailVerificationController.linkProblem(check.state(), "email", model);
		}
		model.addAttribute("token", token);
		model.addAttribute("email", check.token().email());
		return EMAIL_CONFIRM_VIEW;
	}

	@PostMapping("/account/email/confirm")
	String confirmEmail(@RequestParam(required = false) String token, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		TokenCheck check = this.profiles.checkEmailChange(token);
		TokenCheck.State state;
		try {
			state = this.profiles.confirmEmailChange(token);
		}
		catch (ProfileException ex) {
			model.addAttribute("state", "INVALID");
			model.addAttribute("purpose", "email");
			model.addAttribute("problem", ex.getMessage());
			return EmailVerificationController.LINK_PROBLEM_VIEW;
		}
		if (state != TokenCheck.State.VALID) {
			return EmailVerificationController.linkProblem(state, "email", model);
		}
		if (authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal
				&& principal.userId().equals(check.token().userId())) {
			this.sessionControl.refresh(authentication, this.profiles.user(principal.userId()), request, response);
		}
		redirect.addFlashAttribute("flashSuccess", "Your e-mail is now " + check.token().email() + ".");
		return "redirect:" + (authentication != null ? "/account" : "/login");
	}

	private String page(PortalPrincipal principal, Model model) {
		User user = this.profiles.user(principal.userId());
		model.addAttribute("user", user);
		model.addAttribute("identities", this.profiles.identities(user.id())
			.stream()
			.map((identity) -> new IdentityRow(identity, this.providerNames.getOrDefault(identity.issuer(), identity.issuer())))
			.toList());
		model.addAttribute("registrations", this.registrations);
		model.addAttribute("signIns", this.auditTrail.signInHistory(user.email())
			.stream()
			.map((signIn) -> new SignInRow(signIn.timestamp(), signIn.ip() != null ? signIn.ip().getHostAddress() : null,
					SessionDetails.describe(signIn.userAgent()), signIn.action().name()))
			.toList());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return VIEW;
	}

	/** A line of the person's own sign-in history. */
	record SignInRow(Instant timestamp, String address, String browser, String outcome) {
	}

	/** The providers' names by issuer URL (for linked identities) or by registration id (for link buttons). */
	private static Map<String, String> providerNames(ClientRegistrationRepository repository, boolean byIssuer) {
		Map<String, String> names = new java.util.LinkedHashMap<>();
		if (repository instanceof Iterable<?> registrations) {
			for (Object registration : registrations) {
				ClientRegistration client = (ClientRegistration) registration;
				Object issuer = client.getProviderDetails().getIssuerUri();
				if (!byIssuer) {
					names.put(client.getRegistrationId(), client.getClientName());
				}
				else if (issuer != null) {
					names.put(issuer.toString(), client.getClientName());
				}
			}
		}
		return Map.copyOf(names);
	}

	record IdentityRow(Identity identity, String provider) {
	}

}
