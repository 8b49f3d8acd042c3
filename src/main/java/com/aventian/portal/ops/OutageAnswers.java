package com.aventian.portal.ops;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.shared.web.Problems;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * When Redis (sessions) or PostgreSQL is unreachable, a request fails with a clear answer instead of the generic
 * error page: 503 with {@code Retry-After}, a page saying what is unavailable and that it is not the person's
 * fault (or a problem detail for machines). It sits outside Spring Session's filter, because a Redis outage
 * fails there before any controller runs, and its page is self-contained: rendering the portal's layout would
 * ask the session (CSRF token, the signed-in person) and fail again. Redis answers at once while disconnected
 * (Lettuce rejects commands), so the page comes within the 500 ms command timeout; a database outage within
 * the pool's connection timeout. Once the server is back, the clients reconnect by themselves.
 */
final class OutageAnswers extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(OutageAnswers.class);

	static final String RETRY_AFTER_SECONDS = "10";

	private final SpringTemplateEngine templates;

	OutageAnswers(SpringTemplateEngine templates) {
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			Optional<Outage> outage = Outage.causing(ex);
			if (outage.isEmpty() || response.isCommitted()) {
				throw ex;
			}
			log.warn("{} unavailable: {}", outage.get().service, ex.toString());
			answer(outage.get(), request, response);
		}
	}

	private void answer(Outage outage, HttpServletRequest request, HttpServletResponse response) throws IOException {
		// keeps the headers set so far (request id, security headers), drops any half-written body
		response.resetBuffer();
		response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		if (!Problems.wantsPage(request)) {
			Problems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, outage.code, "Service unavailable",
					"The portal cannot reach a service it needs. Try again in a moment.");
			return;
		}
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		WebContext page = new WebContext(
				JakartaServletWebApplication.buildApplication(request.getServletContext()).buildExchange(request, response),
				RequestContextUtils.getLocale(request),
				Map.of("outage", outage.code, "retryAfter", RETRY_AFTER_SECONDS));
		this.templates.process("error/unavailable", page, response.getWriter());
	}

	/** What is unavailable, told by the exception's causes; empty for any other failure. */
	enum Outage {

		SESSIONS("Redis", "sessions-unavailable"), DATABASE("PostgreSQL", "database-unavailable");

		private final String service;

		private final String code;

		Outage(String service, String code) {
			this.service = service;
			this.code = code;
		}

		static Optional<Outage> causing(Throwable failure) {
			for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
				if (cause instanceof RedisConnectionFailureException
						|| (cause instanceof RedisException && !(cause instanceof RedisCommandExecutionException))) {
					return Optional.of(SESSIONS);
				}
				// the pool waited its connection timeout in vain, or the server went away mid-statement
				if (cause instanceof SQLTransientConnectionException
						|| (cause instanceof SQLException sql && isConnectionState(sql.getSQLState()))) {
					return Optional.of(DATABASE);
				}
			}
			return Optional.empty();
		}

		/** SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server shutting down or starting). */
		private static boolean isConnectionState(String state) {
			return state != null && (state.startsWith("08") || state.matches("57P0[123]"));
		}

	}

}
