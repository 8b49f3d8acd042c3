package com.aventian.portal.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The metrics scraper's credential: {@code Authorization: Bearer <aventian.management.scrape-token>} on
 * {@code /actuator/**} authenticates that one request as the scraper (no session). Unset, no token
 * matches. Compared in constant time, and never logged.
 */
@Component
public class ScrapeToken {

	/** The authority a request carrying the token holds; {@code management.endpoint.health.roles} names it too. */
	public static final String AUTHORITY = "ROLE_METRICS_SCRAPER";

	private static final String BEARER = "Bearer ";

	private final byte[] expectedDigest;

	ScrapeToken(@Value("${aventian.management.scrape-token:}") String token) {
		this.expectedDigest = token.isBlank() ? null : digest(token.strip());
	}

	/** The filter for the security chain; it only ever adds the scraper's authentication, never refuses. */
	public OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
					SecurityContext context = SecurityContextHolder.createEmptyContext();
					context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
							List.of(new SimpleGrantedAuthority(AUTHORITY))));
					SecurityContextHolder.setContext(context);
				}
				chain.doFilter(request, response);
			}

		};
	}

	boolean matches(String authorization) {
		if (this.expectedDigest == null || authorization == null || !authorization.startsWith(BEARER)) {
			return false;
		}
		// digests of equal length, compared without an early exit: the answer's timing says nothing of the token
		return MessageDigest.isEqual(this.expectedDigest, digest(authorization.substring(BEARER.length()).strip()));
	}

	private static byte[] digest(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
