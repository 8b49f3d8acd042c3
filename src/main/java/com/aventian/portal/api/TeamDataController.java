package com.aventian.portal.api;

import java.net.URI;
import java.util.UUID;

import com.aventian.portal.api.ApiRequests.AuditEventRequest;
import com.aventian.portal.api.ApiRequests.NewResource;
import com.aventian.portal.api.ApiRequests.ResourceRename;
import com.aventian.portal.api.ApiViews.AuditEventWritten;
import com.aventian.portal.api.ApiViews.MemberPage;
import com.aventian.portal.api.ApiViews.Resource;
import com.aventian.portal.api.ApiViews.ResourcePage;
import com.aventian.portal.apikey.ApiCaller;
import com.aventian.portal.shared.web.ProductApiRoute;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Management calls of a product for the teams that have it: resources, members, audit events. */
@RestController
@ProductApiRoute
class TeamDataController {

	private final ProductTeamData data;

	TeamDataController(ProductTeamData data) {
		this.data = data;
	}

	@GetMapping(path = "/api/v1/teams/{teamId}/resources", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The team's resource instances of this product", operationId = "listResources")
	ResourcePage resources(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller, @PathVariable UUID teamId,
			@RequestParam(required = false) @Pattern(regexp = ApiRequests.RESOURCE_TYPE) String type,
			@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
		return this.data.resources(caller, teamId, type, page, size);
	}

	@PostMapping(path = "/api/v1/teams/{teamId}/resources", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Register a resource instance of one of this product's types, so grants can be narrowed to it",
			operationId = "registerResource")
	ResponseEntity<Resource> register(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller,
			@PathVariable UUID teamId, @Valid @RequestBody NewResource resource) {
		Resource registered = this.data.register(caller, teamId, resource);
		return ResponseEntity.created(URI.create("/api/v1/teams/" + teamId + "/resources/" + registered.id()))
			.body(registered);
	}

	@PatchMapping(path = "/api/v1/teams/{teamId}/resources/{resourceId}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Rename a resource instance", operationId = "renameResource")
	Resource rename(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller, @PathVariable UUID teamId,
			@PathVariable UUID resourceId, @Valid @RequestBody ResourceRename rename) {
		return this.data.rename(caller, teamId, resourceId, rename.name());
	}

	@DeleteMapping("/api/v1/teams/{teamId}/resources/{resourceId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a resource instance and every grant narrowed to it", operationId = "deleteResource")
	void delete(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller, @PathVariable UUID teamId,
			@PathVariable UUID resourceId) {
		this.data.delete(caller, teamId, resourceId);
	}

	@GetMapping(path = "/api/v1/teams/{teamId}/members", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The team's members with the roles this product may see, paged, filtered by role or privilege",
			operationId = "listMembers")
	MemberPage members(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller, @PathVariable UUID teamId,
			@RequestParam(required = false) UUID roleId, @RequestParam(required = false) String privilege,
			@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
		return this.data.members(caller, teamId, roleId, privilege, page, size);
	}

	@PostMapping(path = "/api/v1/audit-events", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Write this product's audit event into the team's audit trail", operationId = "writeAuditEvent")
	AuditEventWritten auditEvent(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody AuditEventRequest event) {
		return this.data.writeAuditEvent(caller, event);
	}

}
