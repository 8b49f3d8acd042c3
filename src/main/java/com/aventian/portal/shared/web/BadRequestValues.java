package com.aventian.portal.shared.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A value that does not parse: in the path it names nothing there is (404, like an unknown id); in a
 * form or query it is a bad request (400). A value the database refuses (too long, a duplicate a check
 * missed) is the request's fault too: 409 for a duplicate, else 400. Never a 500.
 */
@ControllerAdvice
class BadRequestValues {

	private static final Logger log = LoggerFactory.getLogger(BadRequestValues.class);

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	void mismatch(MethodArgumentTypeMismatchException ex, HttpServletResponse response) throws IOException {
		boolean inPath = ex.getParameter().hasParameterAnnotation(PathVariable.class);
		response.sendError(inPath ? HttpStatus.NOT_FOUND.value() : HttpStatus.BAD_REQUEST.value());
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	void refusedByTheDatabase(DataIntegrityViolationException ex, HttpServletResponse response) throws IOException {
		// a check the application should have made first: worth a look, but the request is what was wrong
		log.warn("The database refused a request's values: {}", ex.getMostSpecificCause().getClass().getSimpleName());
		response.sendError(ex instanceof DuplicateKeyException ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
	}

}
