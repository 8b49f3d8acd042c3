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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
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

	private final RequestCache savedRequests = new HttpSessionRequestCache();

	private final int signedInSeconds;

	SignInActivity(AuditLog audit, SignInLockout lockout, AccountService accounts, SessionControl sessionControl,
			@Value("${aventian.session.signed-in-timeout}") Duration signedInSessions) {
		this.audit = audit;
		this.lockout = lockout;
		this.accounts = accounts;
		this.sessionControl = sessionControl;
		this.signedInSeconds = Math.toIntExact(signedInSessions.toSeconds());
	}

	/** The filter that throttles sign-ins and refuses locked-out e-mails before any password work. */
	public jakarta.servlet.Filter guard(Throttle throttle) {
		return new SignInGuard(throttle, this.lockout, this);
	}

	/**
	 * Notes the session's details and its signed-in lifetime, writes the activity row, forgives the address's
	 * failures, and redirects. Everything that changes the session happens before the redirect: sending it
	 * commits the response, and Spring Session saves the session then; a change after it costs a second save
	 * and a second read of the session in Redis (Spring's own success handlers remove an attribute after
	 * redirecting: the last sign-in failure, which the portal never keeps in the session).
	 */
	public AuthenticationSuccessHandler successHandler() {
		return (request, response, authentication) -> {
			if (authentication.getPrincipal() instanceof PortalPrincipal principal) {
				SessionDetails.note(request);
				// the signed-in lifetime and the new CSRF token (Spring Security replaced the old one and would make
				// the new one when first asked, on the next page) now, in this save, rather than as a second save
				request.getSession().setMaxInactiveInterval(this.signedInSeconds);
				if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken rotated) {
					rotated.getToken();
				}
				this.audit.recordLogin(principal.email(), LoginAction.LOGIN, null, ClientAddress.of(request));
				this.lockout.recordSuccess(principal.email(), ClientAddress.of(request));
				// only the bootstrap admin's account can change at sign-in: nobody else's is read again
				if (principal.emailVerified() && this.accounts.isBootstrapAdmin(principal.email())) {
					this.accounts.findUser(principal.userId())
						.filter((user) -> !user.platformAdmin())
						.map(this.accounts::afterVerifiedSignIn)
						.filter(User::platformAdmin)
						.ifPresent((admin) -> this.sessionControl.refresh(authentication, admin, request, response));
				}
			}
			response.sendRedirect(nextAfterSignIn(request, response));
		};
	}

	/**
	 * Where {@code continue} points, else a request saved on purpose (an invitation link opened before signing
	 * in: this portal's own URL, as it was requested), else home.
	 */
	private String nextAfterSignIn(HttpServletRequest request, HttpServletResponse response) {
		Optional<String> next = LocalPath.of(request.getParameter(LocalPath.PARAMETER));
		if (next.isPresent()) {
			return request.getContextPath() + next.get();
		}
		SavedRequest saved = this.savedRequests.getRequest(request, response);
		if (saved == null) {
			return request.getContextPath() + "/";
		}
		// used once, and gone in this save: left in the session it would lead a later sign-in in this browser
		// back to the link, and be read with the session on every request
		this.savedRequests.removeRequest(request, response);
		return saved.getRedirectUrl();
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
