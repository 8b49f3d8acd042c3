package com.aventian.portal.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** What strangers, machines and crawlers get at the edge: headers, statuses, and no sessions they do not need. */
@PortalTest
@TestPropertySource(properties = "aventian.management.scrape-token=" + EdgeSecurityTests.SCRAPE_TOKEN)
class EdgeSecurityTests {

	static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	/** A request as a machine makes it: no cookies, the headers given. */
	HttpResponse<String> machine(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	PortalHttp signedInPlatformAdmin() {
		User admin = this.users.create("Platform Admin");
		this.jdbc.update("update aventian.tbl_users set platform_admin = true where id = ?", admin.id());
		return this.users.signedIn(this.port, admin);
	}

	@Nested
	class Headers {

		@Test
		void everyAnswerSaysNoCameraMicrophoneGeolocationOrPayment() throws Exception {
			HttpResponse<String> page = new PortalHttp(EdgeSecurityTests.this.port).get("/login");

			assertThat(page.headers().firstValue("Permissions-Policy"))
				.contains("camera=(), microphone=(), geolocation=(), payment=()");
		}

	}

	@Nested
	class Actuator {

		@Test
		void anonymousHealthShowsOnlyTheOverallStatus() throws Exception {
			HttpResponse<String> health = machine("/actuator/health");

			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("db").doesNotContain("redis");
		}

		@Test
		void theScrapeTokenAndAPlatformAdminSeeHealthComponentsAndMetrics() throws Exception {
			HttpResponse<String> health = machine("/actuator/health", "Authorization", "Bearer " + SCRAPE_TOKEN);
			HttpResponse<String> metrics = machine("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN);
			PortalHttp admin = signedInPlatformAdmin();

			assertThat(health.body()).contains("\"db\"").contains("\"redis\"");
			assertThat(metrics.statusCode()).isEqualTo(200);
			assertThat(metrics.body()).contains("hikaricp_connections");
			assertThat(metrics.headers().allValues("Set-Cookie")).isEmpty();
			assertThat(admin.get("/actuator/prometheus").statusCode()).isEqualTo(200);
			assertThat(admin.get("/actuator/health").body()).contains("\"db\"");
		}

		@Test
		void metricsAreRefusedToStrangersWrongTokensAndOrdinaryUsers() throws Exception {
			assertThat(machine("/actuator/prometheus").statusCode()).isEqualTo(401);
			assertThat(machine("/actuator/prometheus", "Authorization", "Bearer " + SCRAPE_TOKEN + "x").statusCode())
				.isEqualTo(401);
			assertThat(machine("/actuator/prometheus", "Authorization", "Bearer ").statusCode()).isEqualTo(401);
			assertThat(machine("/actuator/health", "Authorization", "Bearer wrong").body()).doesNotContain("db");
			assertThat(EdgeSecurityTests.this.users.signedIn(EdgeSecurityTests.this.port).get("/actuator/prometheus").statusCode())
				.isEqualTo(403);
		}

	}

	@Nested
	class SignedOut {

		@Test
		void aMachineGetsAProblemDetailWith401() throws Exception {
			HttpResponse<String> response = machine("/account", "Accept", "application/json");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("\"status\":401").contains("\"code\":\"unauthenticated\"");
		}

		@Test
		void aBrowserGoesToSignInAndComesBackToThePageAfterwards() {
			User user = EdgeSecurityTests.this.users.create("Continue Person");
			PortalHttp browser = new PortalHttp(EdgeSecurityTests.this.port);

			HttpResponse<String> page = browser.get("/account/sessions?x=1");
			String signInPage = page.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
			String signInForm = browser.get(signInPage).body();
			HttpResponse<String> signIn = browser.submit(signInPage, "/login",
					Map.of("email", user.email(), "password", TestUsers.PASSWORD, "continue", "/account/sessions?x=1"));

			assertThat(page.statusCode()).isEqualTo(302);
			assertThat(signInPage).isEqualTo("/login?continue=%2Faccount%2Fsessions%3Fx%3D1");
			assertThat(signInForm).contains("name=\"continue\" value=\"/account/sessions?x=1\"");
			assertThat(signIn.headers().firstValue("Location"))
				.hasValueSatisfying((to) -> assertThat(to).endsWith("/account/sessions?x=1"));
		}

		@ParameterizedTest
		@ValueSource(strings = { "//evil.example", "/\\evil.example", "https://evil.example", "http:/evil.example",
				"/%2F%2Fevil.example", "\t//evil.example", "javascript:alert(1)", "evil.example" })
		void aContinueThatIsNotALocalPathIsIgnored(String target) {
			User user = EdgeSecurityTests.this.users.create("Open Redirect Prober");
			PortalHttp browser = new PortalHttp(EdgeSecurityTests.this.port);
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("email", user.email());
			fields.put("password", TestUsers.PASSWORD);
			fields.put("continue", target);

			HttpResponse<String> signIn = browser.submit("/login", "/login", fields);

			assertThat(signIn.statusCode()).isEqualTo(302);
			String location = signIn.headers().firstValue("Location").orElseThrow();
			assertThat(URI.create(location).getHost()).isIn("localhost", null);
			assertThat(URI.create(location).getPath()).isEqualTo("/");
		}

		@Test
		void aFailedSignInKeepsWhereToContinue() {
			PortalHttp browser = new PortalHttp(EdgeSecurityTests.this.port);

			HttpResponse<String> failed = browser.submit("/login?continue=%2Faccount", "/login",
					Map.of("email", "nobody@example.com", "password", "wrong", "continue", "/account"));

			assertThat(failed.headers().firstValue("Location"))
				.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error&continue=%2Faccount"));
		}

	}

	@Nested
	class Sessions {

		@ParameterizedTest
		@ValueSource(strings = { "/css/portal.css", "/js/htmx.min.js", "/favicon.ico", "/actuator/health",
				"/actuator/info", "/api/v1/users/1/details", "/no/such/page", "/account" })
		void anAnonymousRequestThatIsNotAFormGetsNoSession(String path) throws Exception {
			HttpResponse<String> asBrowser = new PortalHttp(EdgeSecurityTests.this.port).get(path);
			HttpResponse<String> asMachine = machine(path, "Accept", "application/json");

			assertThat(asBrowser.headers().allValues("Set-Cookie")).as(path).isEmpty();
			assertThat(asMachine.headers().allValues("Set-Cookie")).as(path).isEmpty();
		}

		@Test
		void anAnonymousSessionLivesMinutesAndASignedInOneHours() {
			User user = EdgeSecurityTests.this.users.create("Session Lifetimes");
			PortalHttp browser = new PortalHttp(EdgeSecurityTests.this.port);
			browser.get("/login");
			long anonymous = maxInactiveSeconds(browser.sessionId());

			browser.signIn(user.email(), TestUsers.PASSWORD);
			browser.get("/account");
			long signedIn = maxInactiveSeconds(browser.sessionId());

			assertThat(anonymous).isBetween(60L, 900L);
			assertThat(signedIn).isEqualTo(8 * 3600L);
		}

		long maxInactiveSeconds(String sessionId) {
			return EdgeSecurityTests.this.sessions.findById(sessionId).getMaxInactiveInterval().toSeconds();
		}

	}

}
