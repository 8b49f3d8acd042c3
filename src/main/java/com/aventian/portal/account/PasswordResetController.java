package com.aventian.portal.account;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.shared.web.NotTeamScoped;
import com.aventian.portal.throttle.Throttle;
import com.aventian.portal.throttle.ThrottledAction;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@NotTeamScoped
class PasswordResetController {

	static final String FORGOT_VIEW = "account/forgot-password";

	static final String SENT_VIEW = "account/reset-sent";

	static final String RESET_VIEW = "account/reset-password";

	private final PasswordResetService resets;

	private final SessionControl sessionControl;

	private final SignInLockout lockout;

	private final Throttle throttle;

	PasswordResetController(PasswordResetService resets, SessionControl sessionControl, SignInLockout lockout,
			Throttle throttle) {
		this.resets = resets;
		this.sessionControl = sessionControl;
		this.lockout = lockout;
		this.throttle = throttle;
	}

	@GetMapping("/password/forgot")
	String forgotForm(Model model) {
		model.addAttribute("email", "");
		return FORGOT_VIEW;
	}

	@PostMapping("/password/forgot")
	String requestReset(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		String typed = email.strip();
		if (!EmailAddress.isValid(typed)) {
			model.addAttribute("email", typed.length() > EmailAddress.MAX_LENGTH ? typed.substring(0, EmailAddress.MAX_LENGTH) : typed);
			model.addAttribute("emailError", typed.isEmpty() ? "Enter your e-mail address."
					: typed.length() > EmailAddress.MAX_LENGTH ? "Use at most 320 characters."
							: "Enter an e-mail address like name@example.com.");
			return FORGOT_VIEW;
		}
		this.throttle.attempt(ThrottledAction.PASSWORD_RESET, EmailAddress.normalize(typed), ClientAddress.of(request));
		this.resets.requestReset(typed);
		redirect.addFlashAttribute("email", typed);
		return "redirect:/password/forgot/sent";
	}

	@GetMapping("/password/forgot/sent")
	String sent() {
		return SENT_VIEW;
	}

	@GetMapping("/password/reset")
	String resetForm(@RequestParam(required = false) String token, Model model) {
		TokenCheck check = this.resets.check(token);
		if (!check.isValid()) {
			return EmailVerificationController.linkProblem(check.state(), "reset", model);
		}
		model.addAttribute("token", token);
		return RESET_VIEW;
	}

	@PostMapping("/password/reset")
	String reset(@RequestParam(required = false) String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String passwordConfirmation, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		if (!password.equals(passwordConfirmation)) {
			TokenCheck check = this.resets.check(token);
			if (!check.isValid()) {
				return EmailVerificationController.linkProblem(check.state(), "reset", model);
			}
			return resetFormWithError(token, "passwordConfirmationError",
					"The two passwords differ. Type the same password twice.", model);
		}
		PasswordResetService.ResetResult result = this.resets.reset(token, password);
		if (result.passwordProblem() != null) {
			return resetFormWithError(token, "passwordError", result.passwordProblem(), model);
		}
		if (!result.isDone()) {
			return EmailVerificationController.linkProblem(result.linkState(), "reset", model);
		}
		if (request.getUserPrincipal() != null && result.user().id().toString().equals(request.getUserPrincipal().getName())) {
			// this browser's session is among those ending: drop it here so it is not saved again
			request.getSession().invalidate();
		}
		this.sessionControl.endAll(result.user().id());
		// the owner proved the mailbox: this address may try the new password at once
		this.lockout.recordSuccess(result.user().email(), ClientAddress.of(request));
		redirect.addFlashAttribute("flashSuccess", "Your password is changed. Sign in with the new one.");
		return "redirect:/login";
	}

	private static String resetFormWithError(String token, String field, String message, Model model) {
		model.addAttribute("token", token);
		model.addAttribute(field, message);
		return RESET_VIEW;
	}

}
