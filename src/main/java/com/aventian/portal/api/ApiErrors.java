package com.aventian.portal.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a request under {@code /api/} into a problem detail with a stable code, before
 * Spring's own resolvers could answer with the portal's HTML error pages: malformed JSON or ids (400), an
 * unknown field (400), a path that is not the API's (404), a wrong method (405) or content type (415), a
 * body over the limit (413). Requests elsewhere pass untouched.
 */
final class ApiErrors implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private final ApiProblems problems;

	ApiErrors(ApiProblems problems) {
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!ApiPaths.isApi(request) || response.isCommitted()) {
			return null;
		}
		try {
			answer(request, response, ex);
		}
		catch (IOException written) {
			log.debug("The client went away before its problem detail was written");
		}
		return new ModelAndView();
	}

	private void answer(HttpServletRequest request, HttpServletResponse response, Exception ex) throws IOException {
		if (ex instanceof ApiException api) {
			this.problems.write(request, response, api.status(), api.code(), api.getMessage());
		}
		else if (ex instanceof HttpMessageNotReadableException unreadable) {
			unreadable(request, response, unreadable);
		}
		else if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			boolean uuid = UUID.class.equals(mismatch.getRequiredType());
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, uuid ? "malformed_uuid" : "malformed_parameter",
					"'" + mismatch.getName() + "' must be " + (uuid ? "a UUID." : "a valid value."));
		}
		else if (ex instanceof MissingServletRequestParameterException missing) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "missing_parameter",
					"The query parameter '" + missing.getParameterName() + "' is required.");
		}
		else if (ex instanceof MethodArgumentNotValidException invalid) {
			List<Map<String, String>> errors = invalid.getBindingResult()
				.getFieldErrors()
				.stream()
				.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
				.toList();
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_request",
					"The request has invalid values: " + errors.stream().map((e) -> e.get("field")).distinct()
						.collect(Collectors.joining(", ")) + ".",
					errors);
		}
		else if (ex instanceof HandlerMethodValidationException invalid) {
			List<Map<String, String>> errors = invalid.getParameterValidationResults()
				.stream()
				.map(ApiErrors::errorOf)
				.toList();
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_request",
					"The request has invalid values.", errors);
		}
		else if (ex instanceof HttpMediaTypeNotSupportedException) {
			this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					"Send the body as Content-Type: application/json.");
		}
		else if (ex instanceof HttpMediaTypeNotAcceptableException) {
			this.problems.write(request, response, HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
					"The API answers application/json (errors application/problem+json).");
		}
		else if (ex instanceof HttpRequestMethodNotSupportedException method) {
			if (method.getSupportedHttpMethods() != null) {
				response.setHeader(HttpHeaders.ALLOW, method.getSupportedHttpMethods()
					.stream()
					.map(Object::toString)
					.collect(Collectors.joining(", ")));
			}
			this.problems.write(request, response, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
					"This path does not take " + method.getMethod() + ".");
		}
		else if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
			this.problems.write(request, response, HttpStatus.NOT_FOUND, "not_found", "No such path in the API.");
		}
		else if (ex instanceof DataIntegrityViolationException refused) {
			// a check the service should have made first; the request was still what was wrong
			log.warn("The database refused an API request's values: {}", refused.getMostSpecificCause().getClass().getSimpleName());
			boolean duplicate = ex instanceof DuplicateKeyException;
			this.problems.write(request, response, duplicate ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
					duplicate ? "conflict" : "invalid_request", "The values were refused.");
		}
		else {
			log.error("API request failed", ex);
			this.problems.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
					"Something went wrong on our side.");
		}
	}

	private void unreadable(HttpServletRequest request, HttpServletResponse response, HttpMessageNotReadableException ex)
			throws IOException {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BoundedBodyRequest.BodyTooLargeException) {
				this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
						"The request body is too large.");
				return;
			}
			if (cause instanceof UnrecognizedPropertyException unknown) {
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, "unknown_field",
						"Unknown field '" + unknown.getPropertyName() + "'.");
				return;
			}
			if (cause instanceof InvalidFormatException invalid && UUID.class.equals(invalid.getTargetType())) {
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, "malformed_uuid",
						"'" + pathOf(invalid) + "' must be a UUID.");
				return;
			}
			if (cause instanceof MismatchedInputException mismatched) {
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, "malformed_value",
						"'" + pathOf(mismatched) + "' has a value of the wrong type.");
				return;
			}
		}
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "malformed_json",
				"The body is not the JSON this call takes.");
	}

	private static String pathOf(DatabindException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(Collectors.joining("."));
	}

	private static Map<String, String> errorOf(ParameterValidationResult result) {
		String name = result.getMethodParameter().getParameterName();
		return Map.of("field", String.valueOf(name), "message",
				result.getResolvableErrors().isEmpty() ? "invalid"
						: String.valueOf(result.getResolvableErrors().get(0).getDefaultMessage()));
	}

}
