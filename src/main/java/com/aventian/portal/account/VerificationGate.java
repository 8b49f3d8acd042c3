package com.aventian.portal.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/** Until their e-mail is verified, signed-in people see only the "verify your e-mail" page. */
class VerificationGate implements HandlerInterceptor {

	static final String[] OPEN_PATHS = { "/verify-email", "/verify-email/**", "/login", "/signup", "/signup/**",
			"/password/**", "/invitations/**", "/account/link", "/account/link/**", "/account/email/confirm", "/error", "/css/**", "/js/**", "/img/**", "/favicon.ico" };

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal
				&& !principal.emailVerified()) {
			String target = request.getContextPath() + "/verify-email";
			if ("true".equals(request.getHeader("HX-Request"))) {
				response.setHeader("HX-Redirect", target);
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			}
			else {
				response.sendRedirect(target);
			}
			return false;
		}
		return true;
	}

}
