package com.aventian.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client for one person, talking to a running portal as a browser without JavaScript would. */
public final class PortalHttp {

	/** What a browser asks for when it loads a page, so the portal answers as it would to a person. */
	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final CookieManager cookies;

	private final HttpClient client;

	public PortalHttp(int port) {
		this(port, new CookieManager());
	}

	private PortalHttp(int port, CookieManager cookies) {
		this.baseUrl = "http://localhost:" + port;
		this.cookies = cookies;
		this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** The same person (same cookies) talking to a portal on another port, as after a restart. */
	public PortalHttp at(int port) {
		return new PortalHttp(port, this.cookies);
	}

	public CookieManager cookies() {
		return this.cookies;
	}

	/** The id of the session this person's cookie names (Spring Session writes it Base64-encoded). */
	public String sessionId() {
		HttpCookie cookie = this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((candidate) -> candidate.getName().equals("AVENTIAN_SESSION"))
			.reduce((first, newer) -> newer)
			.orElseThrow();
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).header("Accept", BROWSER_ACCEPT).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	public HttpResponse<String> postForm(String path, Map<String, String> fields) {
		return postForm(path, fields, new String[0]);
	}

	public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Accept", BROWSER_ACCEPT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	/** Posts a form the way the page would: with the CSRF token read from the page at {@code formPage}. */
	public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", csrfTokenOf(get(formPage).body()));
		return postForm(action, withToken);
	}

	/** As {@link #submit}, with extra request headers such as {@code HX-Request}. */
	public HttpResponse<String> submitWithHeaders(String formPage, String action, Map<String, String> fields,
			String... headers) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", csrfTokenOf(get(formPage).body()));
		return postForm(action, withToken, headers);
	}

	public HttpResponse<String> signIn(String email, String password) {
		return submit("/login", "/login", Map.of("email", email, "password", password));
	}

	public static String csrfTokenOf(String html) {
		Matcher matcher = CSRF_FIELD.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF field in the page");
		}
		return matcher.group(1);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
