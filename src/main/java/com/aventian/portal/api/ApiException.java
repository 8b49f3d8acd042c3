package com.aventian.portal.api;

import org.springframework.http.HttpStatus;

/** A refusal of the products' API with its status, stable code and a detail for people. */
class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	ApiException(HttpStatus status, String code, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
	}

	static ApiException notFound(String code, String detail) {
		return new ApiException(HttpStatus.NOT_FOUND, code, detail);
	}

	static ApiException badRequest(String code, String detail) {
		return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
	}

	static ApiException conflict(String code, String detail) {
		return new ApiException(HttpStatus.CONFLICT, code, detail);
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
