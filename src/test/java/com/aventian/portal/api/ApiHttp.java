package com.aventian.portal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A product's backend calling the API with its key: no cookies, no redirects followed. */
final class ApiHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final String key;

	ApiHttp(int port, String key) {
		this.baseUrl = "http://localhost:" + port;
		this.key = key;
	}

	ApiHttp withKey(String other) {
		return new ApiHttp(Integer.parseInt(this.baseUrl.substring(this.baseUrl.lastIndexOf(':') + 1)), other);
	}

	HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	HttpResponse<String> post(String path, String json, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = request(path, headers);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body)).build());
	}

	/** A POST whose body has no Content-Length (sent in chunks), as a streaming client would send it. */
	HttpResponse<String> sendChunked(String path, String json) {
		byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
			.build());
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static String code(HttpResponse<String> response) {
		return json(response).path("code").asString();
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).header("Accept", "application/json");
		if (this.key != null) {
			request.header("Authorization", "Bearer " + this.key);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request;
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
