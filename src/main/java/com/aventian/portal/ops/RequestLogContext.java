package com.aventian.portal.ops;

import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import com.aventian.portal.account.PortalPrincipal;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every log line of a request carries (Boot's structured logging writes the MDC as JSON members):
 * {@code requestId}, also sent back as the {@code X-Request-Id} header so a person reporting a problem can
 * quote it; {@code teamId} for a team's pages; {@code userId} once the session says who is signed in.
 * <p>
 * The request id is always made here, never taken from the request: a client-chosen id could forge or
 * flood another request's log trail. The load balancer logs the id of our answer instead (nginx:
 * {@code $upstream_http_x_request_id}), which ties its line to ours.
 */
public final class RequestLogContext {

	public static final String HEADER = "X-Request-Id";

	static final String REQUEST_ID = "requestId";

	static final String USER_ID = "userId";

	static final String TEAM_ID = "teamId";

	private static final Pattern TEAM_PATH = Pattern
		.compile("^/teams/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/.*)?$");

	private RequestLogContext() {
	}

	/** Runs first of all filters: request id and team id for every line the request logs, cleared after. */
	public static OncePerRequestFilter edge() {
		return new Edge();
	}

	/** Runs in the security chain once the session is read: the signed-in person's id. */
	public static OncePerRequestFilter signedIn() {
		return new SignedIn();
	}

	/** 96 random bits, URL-safe: unique enough to find one request among a day's logs, not a secret. */
	static String newRequestId() {
		byte[] bytes = new byte[12];
		ThreadLocalRandom.current().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static final class Edge extends OncePerRequestFilter implements Ordered {

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		protected boolean shouldNotFilterErrorDispatch() {
			// the error page is rendered inside the request whose context is still set
			return true;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String requestId = newRequestId();
			MDC.put(REQUEST_ID, requestId);
			response.setHeader(HEADER, requestId);
			Matcher team = TEAM_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
			if (team.matches()) {
				MDC.put(TEAM_ID, team.group(1).toLowerCase());
			}
			try {
				chain.doFilter(request, response);
			}
			finally {
				MDC.remove(REQUEST_ID);
				MDC.remove(TEAM_ID);
				MDC.remove(USER_ID);
			}
		}

	}

	private static final class SignedIn extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			// only a request that has a session can be signed in; asking any other for its person would read nothing
			HttpSession session = request.getSession(false);
			if (session != null) {
				Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
				if (authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal) {
					MDC.put(USER_ID, principal.userId().toString());
				}
			}
			chain.doFilter(request, response);
		}

	}

}
