package com.aventian.portal.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Answers for machines: RFC 9457 problem details with a stable {@code code} member. People (a browser
 * asking for HTML, or htmx) get the portal's error page for the same status instead.
 */
public final class Problems {

	private Problems() {
	}

	/** Whether the request comes from a page: a browser asking for HTML, or htmx inside a page. */
	public static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return request.getHeader("HX-Request") != null || (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE));
	}

	/** Writes a problem; {@code code}, {@code title} and {@code detail} are the portal's own constant texts. */
	public static void write(HttpServletResponse response, int status, String code, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\",\"code\":\"" + code + "\"}");
	}

}
