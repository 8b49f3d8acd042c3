package com.aventian.portal.api;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.api.ApiRequests.Batch;
import com.aventian.portal.api.ApiRequests.Check;
import com.aventian.portal.api.ApiViews.Decision;
import com.aventian.portal.api.ApiViews.Decisions;
import com.aventian.portal.api.ApiViews.UserDetails;
import com.aventian.portal.apikey.ApiCaller;
import com.aventian.portal.shared.web.ProductApiRoute;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GetUserDetails and authorize: what products ask on every request they serve. */
@RestController
@ProductApiRoute
class AuthorizationController {

	private final ProductAuthorization authorization;

	private final DetailsAnswer answer;

	AuthorizationController(ProductAuthorization authorization, DetailsAnswer answer) {
		this.authorization = authorization;
		this.answer = answer;
	}

	/**
	 * The answer carries a strong ETag of its values ({@link DetailsEtag}), so it changes whenever anything in
	 * it does; a product revalidates with If-None-Match and gets 304 without a body while nothing did (no JSON
	 * written). Written by {@link DetailsAnswer}, not by Spring's message converters (their cost, there).
	 */
	@GetMapping(path = "/api/v1/users/{userId}/details", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "GetUserDetails: the user, the team, the product's subscription, roles and effective privileges",
			operationId = "getUserDetails", responses = @ApiResponse(responseCode = "200", description = "OK",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = UserDetails.class))))
	void details(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller, @PathVariable UUID userId,
			@RequestParam UUID teamId, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.answer.write(this.authorization.details(caller, userId, teamId), request, response);
	}

	@PostMapping(path = "/api/v1/authorize", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "May this member use this privilege, team-wide or on one resource? With the reason in words",
			operationId = "authorize")
	Decision authorize(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody Check check) {
		return this.authorization.check(caller, check);
	}

	@PostMapping(path = "/api/v1/authorize/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Up to 100 authorize checks in one call, answered in order", operationId = "authorizeBatch")
	Decisions authorizeBatch(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody Batch batch) {
		if (batch.checks().isEmpty() || batch.checks().size() > ApiRequests.MAX_CHECKS) {
			throw ApiException.badRequest("batch_size", "A batch holds 1 to " + ApiRequests.MAX_CHECKS + " checks.");
		}
		return new Decisions(this.authorization.checkAll(caller, batch.checks()));
	}

}
