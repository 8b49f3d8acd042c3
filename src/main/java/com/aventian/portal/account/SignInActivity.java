package com.aventian.portal.account;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.shared.web.ClientAddress;

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

	private final AuditLog audit;

	private final SessionFlashMapManager flashMaps = new SessionFlashMapManager();

	SignInActivity(AuditLog audit) {
		this.audit = audit;
	}

	public AuthenticationSuccessHandler successHandler() {
		SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
		return (request, response, authentication) -> {
			if (authentication.getPrincipal() instanceof PortalPrincipal principal) {
				this.audit.recordLogin(principal.email(), LoginAction.LOGIN, null, ClientAddress.of(request));
			}
			redirect.onAuthenticationSuccess(request, response, authentication);
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
		String email = request.getParameter(EMAIL_PARAMETER);
		FlashMap flash = new FlashMap();
		flash.put(FLASH_ERROR, errorCode(failure));
		if (email != null) {
			String typed = email.length() > 320 ? email.substring(0, 320) : email;
			flash.put(FLASH_EMAIL, typed);
			this.audit.recordLogin(typed, LoginAction.LOGIN_FAILED, null, ClientAddress.of(request));
		}
		flash.setTargetRequestPath(request.getContextPath() + "/login");
		this.flashMaps.saveOutputFlashMap(flash, request, response);
		response.sendRedirect(request.getContextPath() + "/login?error");
	}

	// a password failure never says why (unknown e-mail, wrong password, disabled): no account enumeration
	private static String errorCode(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth) {
			return oauth.getError().getErrorCode();
		}
		return "bad_credentials";
	}

}
