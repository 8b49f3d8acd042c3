package com.aventian.portal.api;

import jakarta.servlet.http.HttpServletRequest;

/** Paths of the products' API. */
final class ApiPaths {

	static final String ALL = "/api/**";

	/** The OpenAPI description: public, it holds no data, and integrators read it before they have a key. */
	static final String OPENAPI = "/api/v1/openapi.json";

	private ApiPaths() {
	}

	static boolean isApi(HttpServletRequest request) {
		return pathOf(request).startsWith("/api/");
	}

	static boolean isPublic(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && OPENAPI.equals(pathOf(request));
	}

	private static String pathOf(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
