package com.aventian.portal.api;

import com.aventian.portal.api.ApiViews.Ping;
import com.aventian.portal.apikey.ApiCaller;
import com.aventian.portal.shared.web.ProductApiRoute;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cheapest authenticated call: which product the key belongs to (a key check, and the benchmark's baseline). */
@RestController
@ProductApiRoute
class PingController {

	@GetMapping(path = "/api/v1/ping", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Which product this key belongs to", operationId = "ping")
	Ping ping(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller) {
		return new Ping(caller.productId(), caller.productCode(), caller.keyPrefix());
	}

}
