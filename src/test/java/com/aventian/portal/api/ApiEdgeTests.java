package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.apikey.ApiKeys;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.ProductRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.aventian.portal.api.ApiHttp.code;
import static com.aventian.portal.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door of the products' API: the key is the only credential (no session, no cookie, no CSRF, no
 * redirect), and every refusal is a problem detail with a stable code.
 */
@PortalTest
class ApiEdgeTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	ApiKeys keys;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProductRegistry registry;

	@Autowired
	AccountService accounts;

	Product product;

	String key;

	ApiHttp api;

	@BeforeEach
	void givenAProductWithAKey() {
		this.product = this.fixture.product();
		this.key = this.fixture.key(this.product);
		this.api = new ApiHttp(this.port, this.key);
	}

	@Nested
	class Keys {

		@Test
		void aValidKeyIsItsProductsPrincipalAndNoSessionOrCookieIsMade() {
			HttpResponse<String> response = ApiEdgeTests.this.api.get("/api/v1/ping");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(json(response).path("product").asString()).isEqualTo(ApiEdgeTests.this.product.code());
			assertThat(json(response).path("productId").asString()).isEqualTo(ApiEdgeTests.this.product.id().toString());
			assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		}

		@Test
		void noKeyGets401ProblemAndNeverARedirectToSignIn() {
			HttpResponse<String> response = ApiEdgeTests.this.api.withKey(null).get("/api/v1/ping", "Accept", "text/html");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(code(response)).isEqualTo("api_key_missing");
			assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
		}

		@Test
		void anUnknownKeyGets401() {
			assertThat(code(ApiEdgeTests.this.api.withKey("avn_" + "x".repeat(43)).get("/api/v1/ping"))).isEqualTo("api_key_unknown");
			assertThat(code(ApiEdgeTests.this.api.withKey("not-even-a-key").get("/api/v1/ping"))).isEqualTo("api_key_unknown");
		}

		@Test
		void aRevokedKeyGets401OnTheVeryNextCall() {
			assertThat(ApiEdgeTests.this.api.get("/api/v1/ping").statusCode()).isEqualTo(200);
			UUID keyId = ApiEdgeTests.this.jdbc.queryForObject("select id from aventian.tbl_api_keys where prefix = ?",
					UUID.class, ApiEdgeTests.this.key.substring(0, 12));

			ApiEdgeTests.this.keys.revoke(ApiEdgeTests.this.product.id(), keyId, null, null);

			HttpResponse<String> response = ApiEdgeTests.this.api.get("/api/v1/ping");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(code(response)).isEqualTo("api_key_revoked");
		}

		@Test
		void aKeyOfARetiredProductGets401OnTheVeryNextCallAndCallsAgainOnceReactivated() {
			assertThat(ApiEdgeTests.this.api.get("/api/v1/ping").statusCode()).isEqualTo(200);
			User adminUser = ApiEdgeTests.this.users.create("Pia Platform");
			ApiEdgeTests.this.accounts.grantPlatformAdmin(adminUser.id());
			PlatformAdmin admin = new PlatformAdmin(adminUser.id(), adminUser.email());
			UUID id = ApiEdgeTests.this.product.id();

			ApiEdgeTests.this.registry.retire(admin, id, ApiEdgeTests.this.registry.product(id).version());

			HttpResponse<String> response = ApiEdgeTests.this.api.get("/api/v1/ping");
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(code(response)).isEqualTo("api_key_revoked");

			ApiEdgeTests.this.registry.reactivate(admin, id, ApiEdgeTests.this.registry.product(id).version());

			assertThat(ApiEdgeTests.this.api.get("/api/v1/ping").statusCode()).isEqualTo(200);
		}

		@Test
		void anExpiredKeyGets401() {
			ApiEdgeTests.this.fixture.expire(ApiEdgeTests.this.key);

			HttpResponse<String> response = ApiEdgeTests.this.api.get("/api/v1/ping");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(code(response)).isEqualTo("api_key_expired");
		}

		@Test
		void aSignedInSessionIsNoCredentialForTheApi() {
			PortalHttp person = ApiEdgeTests.this.users.signedIn(ApiEdgeTests.this.port);

			HttpResponse<String> response = person.get("/api/v1/ping");

			assertThat(response.statusCode()).isEqualTo(401);
		}

		@Test
		void aStateChangeNeedsNoCsrfTokenButAKey() {
			String body = "{\"teamId\":\"" + UUID.randomUUID() + "\",\"action\":\"EXPORTED\"}";

			HttpResponse<String> response = ApiEdgeTests.this.api.post("/api/v1/audit-events", body);

			// not 403 (CSRF): the key was accepted, the team is unknown
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("team_not_found");
		}

	}

	@Nested
	class Errors {

		@Test
		void anUnknownPathIs404Problem() {
			HttpResponse<String> response = ApiEdgeTests.this.api.get("/api/v1/nothing-here");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("not_found");
		}

		@Test
		void aWrongMethodIs405ProblemWithAllow() {
			HttpResponse<String> response = ApiEdgeTests.this.api.send("DELETE", "/api/v1/ping", null, null);

			assertThat(response.statusCode()).isEqualTo(405);
			assertThat(code(response)).isEqualTo("method_not_allowed");
			assertThat(response.headers().firstValue("Allow")).hasValueSatisfying((allow) -> assertThat(allow).contains("GET"));
		}

		@Test
		void theOpenApiDescriptionNeedsNoKey() {
			HttpResponse<String> response = ApiEdgeTests.this.api.withKey(null).get("/api/v1/openapi.json");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(json(response).path("openapi").asString()).startsWith("3.");
		}

	}

}
