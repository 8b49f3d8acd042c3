package com.aventian.portal.config;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.shared.web.LocalPath;
import com.aventian.portal.shared.web.Problems;
import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * What a signed-out request for a page that needs a signed-in person gets. htmx inside a page: a full
 * reload. A browser: the sign-in page, which for a GET carries where to come back to as a
 * {@code continue} parameter (no session is made to remember it, so crawlers and scanners cost Redis
 * nothing). Anything else, and the actuator whoever asks (machines, the API, metrics): 401 with a
 * problem detail.
 */
final class SignedOutAnswers implements AuthenticationEntryPoint {

	private final AuthenticationEntryPoint htmx = new HxRefreshHeaderAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException signedOut)
			throws IOException, ServletException {
		if (request.getHeader("HX-Request") != null) {
			this.htmx.commence(request, response, signedOut);
		}
		else if (Problems.wantsPage(request) && !isActuator(request)) {
			response.sendRedirect(request.getContextPath() + "/login" + continueOf(request));
		}
		else {
			Problems.write(response, HttpStatus.UNAUTHORIZED.value(), "unauthenticated", "Unauthorized",
					"Sign in, or send valid credentials, to use this.");
		}
	}

	private static boolean isActuator(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
	}

	private static String continueOf(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return "";
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String target = (request.getQueryString() == null) ? path : path + "?" + request.getQueryString();
		return LocalPath.of(target)
			.filter((local) -> !"/".equals(local))
			.map((local) -> "?" + LocalPath.PARAMETER + "=" + URLEncoder.encode(local, StandardCharsets.UTF_8))
			.orElse("");
	}

}
