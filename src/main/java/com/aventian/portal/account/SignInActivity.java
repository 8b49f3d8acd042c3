package com.aventian.portal.account;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.shared.web.LocalPath;
import com.aventian.portal.throttle.Throttle;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * What happens around a sign-in and a sign-out: each writes {@code tbl_login_activity} with the
 * client's address; a failed sign-in goes back to the sign-in page with a message and the e-mail typed.
 */
@Component
public class SignInActivity {

	public static final String EMAIL_PARAMETER = "email";

	static final String FLASH_EMAIL = "email";

	static final String FLASH_ERROR = "signInError";

	static final String FLASH_LOCK_MINUTES = "lockMinutes";

	private final AuditLog audit;

	private final SignInLockout lockout;

	private final AccountService accounts;

	private final SessionControl sessionControl;

	private final SessionFlashMapManager flashMaps = new SessionFlashMapManager();

	SignInActivity(AuditLog audit, SignInLockout lockout, AccountService accounts, SessionControl sessionControl) {
		this.audit = audit;
		this.lockout = lockout;
		this.accounts = accounts;
		this.sessionControl = sessionControl;
	}

	/** The filter that throttles sign-ins and refuses locked-out e-mails before any password work. */
	public jakarta.servlet.Filter guard(Throttle throttle) {
		return new SignInGuard(throttle, this.lockout, this);
	}

	public AuthenticationSuccessHandler successHandler() {
		SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
		return (request, response, authentication) -> {
			if (authentication.getPrincipal() instanceof PortalPrincipal principal) {
				SessionDetails.note(request);
				this.audit.recordLogin(principal.email(), LoginAction.LOGIN, null, ClientAddress.of(request));
				this.lockout.recordSuccess(principal.email(), ClientAddress.of(request));
				if (principal.emailVerified()) {
					this.accounts.findUser(principal.userId())
						.filter((user) -> !user.platformAdmin())
						.map(this.accounts::afterVerifiedSignIn)
						.filter(User::platformAdmin)
						.ifPresent((admin) -> this.sessionControl.refresh(authentication, admin, request, response));
				}
			}
			Optional<String> next = LocalPath.of(request.getParameter(LocalPath.PARAMETER));
			if (next.isPresent()) {
				response.sendRedirect(request.getContextPath() + next.get());
			}
			else {
				// a request saved on purpose (an invitation link opened before signing in), else home
				redirect.onAuthenticationSuccess(request, response, authentication);
			}
		};
	}

	public AuthenticationFailureHandler failureHandler() {
		return this::signInFailed;
	}

	public LogoutHandler logoutHandler() {
		return (request, response, authentication) -> {
			if (authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal) {
				this.audit.recordLogin(principal.email(), LoginAction.LOGOUT, null, ClientAddress.of(request));
			}
		};
	}

	private void signInFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (failure instanceof OAuth2AuthenticationException oauth
				&& AccountOidcUserService.LINK_REQUIRED.equals(oauth.getError().getErrorCode())) {
			response.sendRedirect(request.getContextPath() + "/account/link");
			return;
		}
		String email = request.getParameter(EMAIL_PARAMETER);
		FlashMap flash = new FlashMap();
		flash.put(FLASH_ERROR, errorCode(failure));
		if (email != null && !email.isBlank()) {
			String typed = typed(email);
			flash.put(FLASH_EMAIL, typed);
			this.audit.recordLogin(typed, LoginAction.LOGIN_FAILED, null, ClientAddress.of(request));
			if (!(failure instanceof OAuth2AuthenticationException)) {
				this.lockout.recordFailure(email, ClientAddress.of(request));
			}
		}
		backToSignIn(flash, request, response);
	}

	void refuseLockedOut(HttpServletRequest request, HttpServletResponse response, String email, Duration lockedFor)
			throws IOException {
		this.audit.recordLogin(typed(email), LoginAction.LOGIN_FAILED, null, ClientAddress.of(request));
		FlashMap flash = new FlashMap();
		flash.put(FLASH_ERROR, "locked");
		flash.put(FLASH_EMAIL, typed(email));
		flash.put(FLASH_LOCK_MINUTES, Math.max(1, (lockedFor.toSeconds() + 59) / 60));
		backToSignIn(flash, request, response);
	}

	private void backToSignIn(FlashMap flash, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		flash.setTargetRequestPath(request.getContextPath() + "/login");
		this.flashMaps.saveOutputFlashMap(flash, request, response);
		String next = LocalPath.of(request.getParameter(LocalPath.PARAMETER))
			.map((path) -> "&" + LocalPath.PARAMETER + "=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
			.orElse("");
		response.sendRedirect(request.getContextPath() + "/login?error" + next);
	}

	private static String typed(String email) {
		String stripped = email.strip();
		return stripped.length() > EmailAddress.MAX_LENGTH ? stripped.substring(0, EmailAddress.MAX_LENGTH) : stripped;
	}

	// a password failure never says why (unknown e-mail, wrong password, disabled): no account enumeration
	private static String errorCode(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth) {
			return oauth.getError().getErrorCode();
		}
		return "bad_credentials";
	}

}
