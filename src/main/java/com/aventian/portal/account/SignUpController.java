package com.aventian.portal.account;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.shared.web.NotTeamScoped;
import com.aventian.portal.throttle.Throttle;
import com.aventian.portal.throttle.ThrottledAction;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@NotTeamScoped
class SignUpController {

	static final String VIEW = "account/sign-up";

	static final String CHECK_INBOX_VIEW = "account/check-inbox";

	/** The account this browser just signed up, so its verification link can sign it in here. */
	static final String PENDING_SIGN_UP = "aventian.pendingSignUp";

	/** The link mailed for this browser's sign-up (see {@link SignUpService#verify}). */
	static final String PENDING_SIGN_UP_LINK = "aventian.pendingSignUpLink";

	private final SignUpService signUps;

	private final PasswordPolicy policy;

	private final Throttle throttle;

	private final String termsUrl;

	SignUpController(SignUpService signUps, PasswordPolicy policy, Throttle throttle,
			@Value("${aventian.terms-url}") String termsUrl) {
		this.signUps = signUps;
		this.policy = policy;
		this.throttle = throttle;
		this.termsUrl = termsUrl;
	}

	@ModelAttribute("termsUrl")
	String termsUrl() {
		return this.termsUrl;
	}

	@GetMapping("/signup")
	String signUpForm(@AuthenticationPrincipal PortalPrincipal principal, Model model) {
		if (principal != null) {
			return "redirect:/";
		}
		model.addAttribute("form", SignUpForm.empty());
		return VIEW;
	}

	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.throttle.attempt(ThrottledAction.SIGN_UP, EmailAddress.normalize(form.email()), ClientAddress.of(request));
		if (!errors.hasFieldErrors("password")) {
			this.policy.problemWith(form.password(), form.email(), form.displayName())
				.ifPresent((problem) -> errors.rejectValue("password", "weak", problem));
		}
		if (form.password() != null && !form.password().equals(form.passwordConfirmation())) {
			errors.rejectValue("passwordConfirmation", "mismatch", "The two passwords differ. Type the same password twice.");
		}
		if (errors.hasErrors()) {
			return VIEW;
		}
		Optional<SignUpService.PendingSignUp> created = this.signUps.signUp(form);
		// the account this sign-up's link verifies, so opening the link here signs in here, and the link itself,
		// so the password typed here counts whichever of the account's links is opened here; a verified e-mail
		// gets random ids, so this browser's session looks the same either way
		request.getSession().setAttribute(PENDING_SIGN_UP, created.map(SignUpService.PendingSignUp::userId).orElseGet(UUID::randomUUID));
		request.getSession().setAttribute(PENDING_SIGN_UP_LINK, created.map(SignUpService.PendingSignUp::linkId).orElseGet(UUID::randomUUID));
		redirect.addFlashAttribute("email", form.email().strip());
		return "redirect:/signup/check-inbox";
	}

	@GetMapping("/signup/check-inbox")
	String checkInbox() {
		return CHECK_INBOX_VIEW;
	}

}
