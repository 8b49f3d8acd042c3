package com.aventian.portal.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the products' API (springdoc, at {@code /api/v1/openapi.json}).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Aventian products API", version = "v1",
		description = "Authorization data for products: GetUserDetails, authorize, members, resources, audit events. "
				+ "Errors are RFC 9457 problem details with a stable `code`."),
		security = @SecurityRequirement(name = "productKey"))
@SecurityScheme(name = "productKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "A product API key, created by a platform admin")
class ApiDocs {

	/**
	 * Every operation may answer with these problem details (RFC 9457, {@code application/problem+json}), so
	 * the description lists them: a client generated from it knows the errors and their {@code code}.
	 */
	@Bean
	OpenApiCustomizer problemResponses() {
		return (openApi) -> {
			openApi.getComponents()
				.addSchemas("Problem", new ObjectSchema().description("RFC 9457 problem detail")
					.addProperty("type", new StringSchema())
					.addProperty("title", new StringSchema())
					.addProperty("status", new IntegerSchema())
					.addProperty("detail", new StringSchema())
					.addProperty("instance", new StringSchema())
					.addProperty("code", new StringSchema().description("stable, for programs: api_key_missing, api_key_unknown, "
							+ "api_key_revoked, api_key_expired, rate_limited, body_too_large, malformed_json, malformed_uuid, "
							+ "unknown_field, invalid_request, unsupported_media_type, team_not_found, user_not_found, "
							+ "resource_not_found, foreign_privilege, batch_size, ...")));
			openApi.getPaths().values().forEach((path) -> path.readOperationsMap().forEach((method, operation) -> {
				add(operation, "400", "Malformed or invalid input");
				add(operation, "401", "Missing, unknown, revoked or expired API key");
				add(operation, "404", "No such path, or a team without this product, or an unknown user or resource");
				add(operation, "405", "Method not allowed");
				add(operation, "413", "Body over the limit");
				add(operation, "429", "The key's rate limit is used up (see Retry-After)");
				if (operation.getRequestBody() != null) {
					add(operation, "415", "Not application/json");
				}
			}));
		};
	}

	private static void add(io.swagger.v3.oas.models.Operation operation, String status, String description) {
		operation.getResponses().putIfAbsent(status, new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
	}

}
