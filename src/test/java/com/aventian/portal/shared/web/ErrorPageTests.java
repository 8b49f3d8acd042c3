package com.aventian.portal.shared.web;

import java.net.http.HttpResponse;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error status shows the portal's own layout, never Spring's "Whitelabel Error Page". */
@PortalTest
@Import(ErrorPageTests.Failing.class)
class ErrorPageTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void aServerErrorShowsOurPage() {
		HttpResponse<String> response = this.users.signedIn(this.port).get("/test/fail");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("site-header").contains("Something went wrong").doesNotContain("Whitelabel");
	}

	@Test
	void aClientErrorWithoutItsOwnPageShowsOurPage() {
		PortalHttp http = this.users.signedIn(this.port);

		HttpResponse<String> response = http.submit("/account", "/account/sessions", Map.of("x", "y"));

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.body()).contains("site-header").doesNotContain("Whitelabel");
	}

	@TestConfiguration
	@RestController
	@NotTeamScoped
	static class Failing {

		@GetMapping("/test/fail")
		String fail() {
			throw new IllegalStateException("a defect nobody foresaw");
		}

	}

}
