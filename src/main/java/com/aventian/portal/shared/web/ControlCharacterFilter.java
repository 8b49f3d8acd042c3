package com.aventian.portal.shared.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads or stores it, a request whose parameters (query or form) hold a control
 * character: NUL, which PostgreSQL cannot store in text ("invalid byte sequence for encoding UTF8: 0x00"),
 * and the other C0 and C1 controls, which no one types. Tab and line breaks stay allowed (text areas).
 * A page gets the 400 page, which says so; a machine gets a problem detail. It runs before Spring Security,
 * so the sign-in form (whose failure is logged with the typed e-mail) is covered too.
 */
class ControlCharacterFilter extends OncePerRequestFilter {

	static final String CODE = "control_characters";

	/** Read by the 400 page to say what was wrong. */
	static final String REFUSED = "controlCharactersRefused";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (holdsControlCharacters(request.getParameterMap())) {
			if (Problems.wantsPage(request)) {
				request.setAttribute(REFUSED, Boolean.TRUE);
				response.sendError(HttpStatus.BAD_REQUEST.value());
			}
			else {
				Problems.write(response, HttpStatus.BAD_REQUEST.value(), CODE, "Bad Request",
						"A parameter holds control characters (such as NUL), which are not accepted.");
			}
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean holdsControlCharacters(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (isControlled(parameter.getKey())) {
				return true;
			}
			for (String value : parameter.getValue()) {
				if (isControlled(value)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isControlled(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
				return true;
			}
		}
		return false;
	}

}
