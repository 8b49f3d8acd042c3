package com.aventian.portal.shared.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A value that does not parse: in the path it names nothing there is (404, like an unknown id); in a
 * form or query it is a bad request (400). Never a 500.
 */
@ControllerAdvice
class BadRequestValues {

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	void mismatch(MethodArgumentTypeMismatchException ex, HttpServletResponse response) throws java.io.IOException {
		boolean inPath = ex.getParameter().hasParameterAnnotation(PathVariable.class);
		response.sendError(inPath ? HttpStatus.NOT_FOUND.value() : HttpStatus.BAD_REQUEST.value());
	}

}
