package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class SecurityTests {

	static final String EXPECTED_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp platformAdmin() {
		User admin = this.users.create("Platform Admin");
		this.jdbc.update("update aventian.tbl_users set platform_admin = true where id = ?", admin.id());
		return this.users.signedIn(this.port, admin);
	}

	/** Flyway's latest applied migration, read from its own history table. */
	String latestMigration() {
		return this.jdbc.queryForObject("""
				select version from aventian.flyway_schema_history
				where success and version is not null order by installed_rank desc limit 1""", String.class);
	}

	@Nested
	class Csrf {

		@Test
		void aSignInPostWithoutTheTokenIsRefused() {
			PortalHttp http = new PortalHttp(SecurityTests.this.port);
			http.get("/login");

			HttpResponse<String> response = http.postForm("/login", Map.of("email", "a@example.com", "password", "x"));

			assertThat(response.statusCode()).isEqualTo(403);
		}

		@Test
		void aSignedInPostWithoutTheTokenIsRefusedAndTheSessionStays() {
			PortalHttp http = SecurityTests.this.users.signedIn(SecurityTests.this.port);

			assertThat(http.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
			assertThat(http.get("/").statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class Headers {

		@Test
		void everyPageCarriesExactlyTheAgreedContentSecurityPolicy() {
			HttpResponse<String> response = new PortalHttp(SecurityTests.this.port).get("/login");

			assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly(EXPECTED_CSP);
			assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		}

		@Test
		void theSessionCookieIsHttpOnlyAndSameSite() {
			HttpResponse<String> response = new PortalHttp(SecurityTests.this.port).get("/login");

			assertThat(response.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
				.startsWith("AVENTIAN_SESSION=")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
		}

	}

	@Nested
	class Actuator {

		@Test
		void prometheusNeedsAPlatformAdminOrTheScrapeToken() {
			PortalHttp anonymous = new PortalHttp(SecurityTests.this.port);
			assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);

			PortalHttp signedIn = SecurityTests.this.users.signedIn(SecurityTests.this.port);
			assertThat(signedIn.get("/actuator/prometheus").statusCode()).isEqualTo(403);

			HttpResponse<String> metrics = platformAdmin().get("/actuator/prometheus");
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("hikaricp_connections");
		}

		@Test
		void healthAndInfoArePublicWithTheSchemaVersionAndEnvironment() {
			PortalHttp anonymous = new PortalHttp(SecurityTests.this.port);

			HttpResponse<String> info = anonymous.get("/actuator/info");
			assertThat(info.statusCode()).isEqualTo(200);
			assertThat(info.body()).contains("\"schema\":{\"version\":\"" + latestMigration() + "\"}").contains("\"environment\":\"test\"");

			HttpResponse<String> health = anonymous.get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("\"db\"");
			assertThat(platformAdmin().get("/actuator/health").body()).contains("\"db\"").contains("\"redis\"");
		}

		@Test
		void readinessDependsOnTheDatabaseOnlyNotOnRedis() {
			HttpResponse<String> readiness = platformAdmin().get("/actuator/health/readiness");

			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"db\"").doesNotContain("redis");
		}

	}

	@Nested
	class Pages {

		@Test
		void anonymousPagesRedirectABrowserToSignIn() {
			HttpResponse<String> response = new PortalHttp(SecurityTests.this.port).get("/");

			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		}

		@Test
		void anHtmxRequestWithoutASessionIsToldToReloadTheWholePage() {
			HttpResponse<String> response = new PortalHttp(SecurityTests.this.port).get("/", "HX-Request", "true");

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("HX-Refresh")).contains("true");
		}

		@Test
		void theFooterShowsTheSchemaVersionAndTheEnvironmentOutsideProd() {
			HttpResponse<String> page = new PortalHttp(SecurityTests.this.port).get("/login");

			assertThat(page.body()).contains("data-testid=\"schema-version\">" + latestMigration() + "<").contains("data-testid=\"environment\">test<");
		}

	}

}
