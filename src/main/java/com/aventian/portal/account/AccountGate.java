package com.aventian.portal.account;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The account's state, checked in the security filter chain for every request of a signed-in session, so
 * it covers every path (controllers, actuator, the API to come), not only MVC handlers: a disabled account's
 * session ends here, and until the e-mail is verified a session reaches only the verification pages.
 */
@Component
public class AccountGate {

	/** What a signed-in, unverified person may reach: verifying, signing out, and the pages open to everyone. */
	static final List<String> UNVERIFIED_PATHS = List.of("/verify-email", "/verify-email/**", "/login", "/logout",
			"/signup", "/signup/**", "/password/**", "/invitations/**", "/account/link", "/account/link/**",
			"/account/email/confirm", "/error", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/actuator/health",
			"/actuator/health/**", "/actuator/info");

	private static final RequestMatcher OPEN_TO_UNVERIFIED = new OrRequestMatcher(
			UNVERIFIED_PATHS.stream().map((path) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());

	private static final RequestMatcher MACHINE_PATHS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"),
			PathPatternRequestMatcher.withDefaults().matcher("/api/**"));

	private final DisabledMarkAhead disabled;

	AccountGate(DisabledMarkAhead disabled) {
		this.disabled = disabled;
	}

	/** The filter to place after authentication and before authorization. */
	public Filter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
				if (authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal) {
					// usually answered by the mark read along with the session (DisabledMarkAhead), else asked now
					if (AccountGate.this.disabled.isDisabled(principal.userId(), request::getRequestedSessionId)) {
						signOut(request);
						sendTo("/login?disabled", request, response);
						return;
					}
					if (!principal.emailVerified() && !OPEN_TO_UNVERIFIED.matches(request)) {
						sendTo("/verify-email", request, response);
						return;
					}
				}
				chain.doFilter(request, response);
			}

		};
	}

	private static void signOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
	}

	private static void sendTo(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
		String target = request.getContextPath() + path;
		if (MACHINE_PATHS.matches(request)) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}
		else if ("true".equals(request.getHeader("HX-Request"))) {
			response.setHeader("HX-Redirect", target);
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
		}
		else {
			response.sendRedirect(target);
		}
	}

}
