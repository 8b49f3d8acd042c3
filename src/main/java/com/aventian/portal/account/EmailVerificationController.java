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

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "verify your e-mail" page of a signed-in, unverified person, and the verification link: opening it
 * shows a button, so mail scanners that fetch links do not use it up.
 */
@Controller
@NotTeamScoped
class EmailVerificationController {

	static final String VERIFY_VIEW = "account/verify-email";

	static final String CONFIRM_VIEW = "account/verify-email-confirm";

	static final String LINK_PROBLEM_VIEW = "account/link-problem";

	private final SignUpService signUps;

	private final AccountService accounts;

	private final SessionControl sessionControl;

	private final Throttle throttle;

	EmailVerificationController(SignUpService signUps, AccountService accounts, SessionControl sessionControl,
			Throttle throttle) {
		this.signUps = signUps;
		this.accounts = accounts;
		this.sessionControl = sessionControl;
		this.throttle = throttle;
	}

	@GetMapping("/verify-email")
	String verifyEmailPage(@AuthenticationPrincipal PortalPrincipal principal, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		User user = this.accounts.findUser(principal.userId()).orElseThrow(AccountGoneException::new);
		if (user.emailVerifiedAt() != null) {
			// Verified meanwhile by a link opened elsewhere, which ended every other session of the account. A
			// session still here escaped that (an instance died between commit and Redis, or a sign-in with the
			// password the link replaced saved its session afterwards): it may be a squatter's, so it is never
			// upgraded to a verified one. Whoever it is signs in again, with the password the link decided.
			request.getSession().invalidate();
			SecurityContextHolder.clearContext();
			redirect.addFlashAttribute("flashSuccess", "Your e-mail is verified. Sign in to continue.");
			return "redirect:/login";
		}
		model.addAttribute("email", user.email());
		return VERIFY_VIEW;
	}

	@PostMapping("/verify-email/resend")
	String resend(@AuthenticationPrincipal PortalPrincipal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.throttle.attempt(ThrottledAction.RESEND_VERIFICATION, EmailAddress.normalize(principal.email()), ClientAddress.of(request));
		this.signUps.resendVerification(principal.userId());
		redirect.addFlashAttribute("flashSuccess", "We sent a new link to " + principal.email() + ".");
		return "redirect:/verify-email";
	}

	@GetMapping("/verify-email/confirm")
	String confirmPage(@RequestParam(required = false) String token, Model model) {
		TokenCheck check = this.signUps.checkVerification(token);
		if (!check.isValid()) {
			return linkProblem(check.state(), model);
		}
		model.addAttribute("token", token);
		model.addAttribute("email", check.token().email());
		return CONFIRM_VIEW;
	}

	@PostMapping("/verify-email/confirm")
	String confirm(@RequestParam(required = false) String token, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		HttpSession session = request.getSession(false);
		Optional<UUID> ownLink = Optional.ofNullable(session)
			.map((s) -> s.getAttribute(SignUpController.PENDING_SIGN_UP_LINK))
			.filter(UUID.class::isInstance)
			.map(UUID.class::cast);
		SignUpService.VerificationResult result = this.signUps.verify(token, ownLink);
		if (!result.verified()) {
			return linkProblem(result.state(), model);
		}
		User user = result.user();
		boolean signedUpHere = session != null && user.id().equals(session.getAttribute(SignUpController.PENDING_SIGN_UP));
		boolean signedInHere = authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal
				&& principal.userId().equals(user.id());
		// the link decided the account: no other browser keeps a session of it (a squatter's included)
		this.sessionControl.endOthers(user.id(), session == null ? null : session.getId());
		if (result.passwordToChoose()) {
			redirect.addFlashAttribute("flashSuccess", "Your e-mail is verified. More than one sign-up used this address, "
					+ "so no password was kept: we sent you a link to choose yours.");
			return "redirect:/login";
		}
		if (!signedUpHere && !signedInHere) {
			redirect.addFlashAttribute("flashSuccess", "Your e-mail is verified. Sign in to continue.");
			return "redirect:/login";
		}
		session.removeAttribute(SignUpController.PENDING_SIGN_UP);
		session.removeAttribute(SignUpController.PENDING_SIGN_UP_LINK);
		this.sessionControl.signIn(this.accounts.afterVerifiedSignIn(user), request, response);
		redirect.addFlashAttribute("flashSuccess", "Your e-mail is verified.");
		return "redirect:/";
	}

	static String linkProblem(TokenCheck.State state, Model model) {
		return linkProblem(state, "verify", model);
	}

	static String linkProblem(TokenCheck.State state, String purpose, Model model) {
		model.addAttribute("state", state.name());
		model.addAttribute("purpose", purpose);
		return LINK_PROBLEM_VIEW;
	}

}
