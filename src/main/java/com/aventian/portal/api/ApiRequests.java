package com.aventian.portal.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON bodies the products' API reads; all strictly ({@link ApiRequest}). */
final class ApiRequests {

	static final int MAX_CHECKS = 100;

	static final String RESOURCE_TYPE = "^[a-z][a-z0-9_-]{0,39}$";

	private ApiRequests() {
	}

	record Check(@NotNull UUID userId, @NotNull UUID teamId, @NotBlank @Size(max = 100) String privilege,
			@Pattern(regexp = RESOURCE_TYPE) @Schema(description = "if given, the resource must be of this type") String resourceType,
			@Schema(description = "a resource of the team registered by this product; absent: a team-wide check") UUID resourceId)
			implements ApiRequest {
	}

	record Batch(@NotNull @ArraySchema(maxItems = MAX_CHECKS, minItems = 1) List<@Valid @NotNull Check> checks)
			implements ApiRequest {
	}

	record NewResource(@NotNull @Pattern(regexp = RESOURCE_TYPE) String type,
			@NotBlank @Size(max = 200) String externalId, @NotBlank @Size(max = 200) String name) implements ApiRequest {
	}

	record ResourceRename(@NotBlank @Size(max = 200) String name) implements ApiRequest {
	}

	record AuditEventRequest(@NotNull UUID teamId,
			@Schema(description = "the member acting in the product; absent for the product itself") UUID actorUserId,
			@NotNull @Pattern(regexp = "^[A-Z][A-Z0-9_]{1,39}$") @Schema(description = "stored as <PRODUCT CODE>_<action>") String action,
			@Pattern(regexp = "^[a-z][a-z0-9_.-]{0,49}$") String targetType, @Size(max = 200) String targetId,
			@Schema(description = "a JSON object of at most 4096 bytes") Map<String, Object> details) implements ApiRequest {
	}

}
