package com.aventian.portal.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's routes are looked up ahead of the actuator's endpoints and answer nothing under its base path
 * (issue 10): however a stranger or an ordinary user spells an endpoint's path, or whatever method they ask it
 * with, the metrics stay behind the scrape token, and the htmx library's {@code Vary} is still said.
 */
@PortalTest
@TestPropertySource(properties = "aventian.management.scrape-token=" + EdgeSecurityTests.SCRAPE_TOKEN)
class ActuatorAheadOfPagesAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	HttpResponse<String> send(String method, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static void assertNoEndpointAnswered(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.uri() + " answered " + response.statusCode())
			.isNotEqualTo(200);
		assertThat(response.body()).doesNotContain("# HELP").doesNotContain("_links").doesNotContain("jvm_");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus", "/actuator/prometheus/", "/%61ctuator/prometheus",
			"/actuator/%70rometheus", "/actuator;x=1/prometheus", "//actuator/prometheus", "/actuator//prometheus",
			"/actuator/./prometheus", "/teams/../actuator/prometheus", "/ACTUATOR/prometheus", "/actuator",
			"/actuator/", "/actuator/metrics", "/actuator/env" })
	void metricsAreRefusedToAStrangerAndAnOrdinaryUserHoweverTheirPathIsSpelt(String path) throws Exception {
		PortalHttp ordinary = this.users.signedIn(this.port);

		assertNoEndpointAnswered(send("GET", path));
		assertNoEndpointAnswered(send("GET", path, "Accept", "text/plain"));
		assertNoEndpointAnswered(send("HEAD", path));
		assertNoEndpointAnswered(send("OPTIONS", path, "Origin", "https://evil.example",
				"Access-Control-Request-Method", "GET"));
		assertNoEndpointAnswered(ordinary.get(path));
		assertNoEndpointAnswered(ordinary.get(path, "HX-Request", "true"));
	}

	@Test
	void theScrapeTokenStillReadsMetricsAndTheActuatorsHealthStillAnswersEveryone() throws Exception {
		HttpResponse<String> metrics = send("GET", "/actuator/prometheus", "Authorization",
				"Bearer " + EdgeSecurityTests.SCRAPE_TOKEN);
		HttpResponse<String> head = send("HEAD", "/actuator/health/liveness");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("# HELP");
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/health/readiness").body()).contains("UP");
	}

	@Test
	void aPreflightFromAnotherSiteToATeamPageIsNotAllowed() throws Exception {
		User owner = this.users.create("Preflight Owner");
		UUID team = this.users.team("Preflight " + UUID.randomUUID(), owner);

		HttpResponse<String> preflight = send("OPTIONS", "/teams/" + team, "Origin", "https://evil.example",
				"Access-Control-Request-Method", "GET");

		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(preflight.body()).doesNotContain("Preflight Owner");
	}

	@Test
	void anHtmxRequestIsToldTheAnswerVariesByItOnPagesUnknownPathsAndAssets() {
		User owner = this.users.create("Vary Owner");
		UUID team = this.users.team("Vary " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);

		for (String path : new String[] { "/teams/" + team, "/teams/" + team + "/members", "/switcher",
				"/account" }) {
			HttpResponse<String> htmx = http.get(path, "HX-Request", "true");
			assertThat(htmx.headers().allValues("Vary")).as(path).anySatisfy(
					(vary) -> assertThat(vary).contains("HX-Request"));
			assertThat(http.get(path).headers().allValues("Vary")).as(path)
				.noneSatisfy((vary) -> assertThat(vary).contains("HX-Request"));
		}
		HttpResponse<String> login = new PortalHttp(this.port).get("/login", "HX-Request", "true");
		assertThat(login.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("HX-Request"));
	}

}
