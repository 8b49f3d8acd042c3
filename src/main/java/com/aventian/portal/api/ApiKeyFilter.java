package com.aventian.portal.api;

import java.io.IOException;
import java.util.OptionalLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.apikey.ApiKeys;
import com.aventian.portal.apikey.KeyCheck;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of the products' API, in its own stateless security chain: the {@code Bearer} key is checked
 * (401 with the reason's code otherwise), the key's rate limit taken (429 with {@code Retry-After}), and the
 * body bounded (413). Only then is the request authenticated, as the product, for this one request.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	private final ApiKeys keys;

	private final ApiRateLimits limits;

	private final ApiProblems problems;

	private final long maxBodyBytes;

	ApiKeyFilter(ApiKeys keys, ApiRateLimits limits, ApiProblems problems, long maxBodyBytes) {
		this.keys = keys;
		this.limits = limits;
		this.problems = problems;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return ApiPaths.isPublic(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		KeyCheck check = this.keys.check(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (check.outcome() != KeyCheck.Outcome.VALID) {
			refuse(request, response, check.outcome());
			return;
		}
		OptionalLong wait = this.limits.consume(check.caller());
		if (wait.isPresent()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()));
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
					"This key's rate limit is used up; retry after the number of seconds in Retry-After.");
			return;
		}
		if (request.getContentLengthLong() > this.maxBodyBytes) {
			this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
					"The request body is larger than " + this.maxBodyBytes + " bytes.");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new ApiKeyAuthentication(check.caller()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(new BoundedBodyRequest(request, this.maxBodyBytes), response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, KeyCheck.Outcome outcome)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		switch (outcome) {
			case MISSING -> this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "api_key_missing",
					"Send the product's API key as Authorization: Bearer <key>.");
			case REVOKED -> this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "api_key_revoked",
					"This API key was revoked.");
			case EXPIRED -> this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "api_key_expired",
					"This API key has expired.");
			default -> this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "api_key_unknown",
					"This is not an API key of any product.");
		}
	}

}
