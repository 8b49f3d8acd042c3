package com.aventian.portal.throttle;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * One answer to too many attempts, wherever they are counted: 429 with {@code Retry-After}, rendered by
 * the error page {@code error/429} which says how many minutes to wait.
 */
@ControllerAdvice
public class ThrottleResponses {

	static final String RETRY_AFTER_MINUTES = "retryAfterMinutes";

	static final String REASON = "throttleReason";

	@ExceptionHandler(ThrottledException.class)
	void throttled(ThrottledException ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		send(ex, request, response);
	}

	public static void send(ThrottledException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())));
		request.setAttribute(RETRY_AFTER_MINUTES, ex.retryAfterMinutes());
		if (ex.reason() != null) {
			request.setAttribute(REASON, ex.reason());
		}
		response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
	}

}
