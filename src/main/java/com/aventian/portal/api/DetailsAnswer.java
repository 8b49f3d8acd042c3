package com.aventian.portal.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.api.ApiViews.UserDetails;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * A GetUserDetails answer written straight to the response: the headers and conditions Spring's {@code ResponseEntity}
 * handling gave it (the same {@link ServletWebRequest#checkNotModified} decides 304, or 412 for a failed If-Match, with
 * the ETag and no body), and the same JSON from the application's {@link JsonMapper}, written as one array of bytes
 * with its length. Spring's message converters (choosing a converter by the Accept header for every answer, the
 * header copying, the generator flushed into a chunked answer) were a fifth of a warm call's CPU, more than the call's
 * own work; the Accept header is still checked before the call runs, by the mapping's {@code produces}.
 */
@Component
class DetailsAnswer {

	/** A product may keep the answer but must revalidate it (If-None-Match) before each use. */
	private static final String CACHE_CONTROL = CacheControl.noCache().cachePrivate().getHeaderValue();

	private final ObjectWriter writer;

	DetailsAnswer(JsonMapper json) {
		this.writer = json.writerFor(UserDetails.class);
	}

	void write(UserDetails details, HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		if (new ServletWebRequest(request, response).checkNotModified(DetailsEtag.of(details))) {
			return;
		}
		byte[] body = this.writer.writeValueAsBytes(details);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
