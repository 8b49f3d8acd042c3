package com.aventian.portal.api;

import java.util.UUID;

import com.aventian.portal.apikey.ApiCaller;
import com.aventian.portal.provisioning.DbConnection;
import com.aventian.portal.provisioning.DbConnections;
import com.aventian.portal.shared.web.ProductApiRoute;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calling product's database for a team: only its own product's, only while the team's subscription is
 * active; every access audited. Never stored by caches on the way ({@code no-store}).
 */
@RestController
@ProductApiRoute
class DbConnectionController {

	private final ProductTeamData teams;

	private final DbConnections connections;

	DbConnectionController(ProductTeamData teams, DbConnections connections) {
		this.teams = teams;
		this.connections = connections;
	}

	@GetMapping(path = "/api/v1/teams/{teamId}/db-connection", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The team's database for this product: host, port, database, user, password, the team's schema"
			+ " (under schema-per-subscription isolation, else null) and a JDBC URL selecting it",
			operationId = "getDbConnection")
	@ApiResponse(responseCode = "200", description = "The connection of the team's active subscription; not to be stored by caches")
	@ApiResponse(responseCode = "409", description = "The team's subscription has no active database yet (provisioning or failed)",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
	ResponseEntity<DbConnectionView> connection(@Parameter(hidden = true) @AuthenticationPrincipal ApiCaller caller,
			@PathVariable UUID teamId) {
		// a team that does not have this product (or does not exist) is 404, as everywhere in the API
		this.teams.team(caller, teamId);
		DbConnection connection = this.connections.read(teamId, caller.productId(), "api-key:" + caller.keyPrefix())
			.orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "subscription_not_active",
					"The team's subscription to " + caller.productCode() + " has no active database ("
							+ this.connections.statusOf(teamId, caller.productId()).orElse("none") + ")."));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(DbConnectionView.of(connection));
	}

	/**
	 * What the product receives: {@code schema} is the team's schema in a shared database (null when the database is
	 * the team's own), and the JDBC URL selects it ({@code currentSchema}). Its text form hides the password.
	 */
	record DbConnectionView(String host, int port, String database, String user, String password, String schema,
			String jdbcUrl) {

		static DbConnectionView of(DbConnection connection) {
			return new DbConnectionView(connection.host(), connection.port(), connection.database(), connection.user(),
					connection.password(), connection.schema(), connection.jdbcUrl());
		}

		@Override
		public String toString() {
			return "DbConnectionView[" + this.user + "@" + this.host + ":" + this.port + "/" + this.database
					+ ((this.schema != null) ? ", schema " + this.schema : "") + "]";
		}

	}

}
