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
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error status shows the portal's own layout, never Spring's "Whitelabel Error Page". */
@PortalTest
@Import({ ErrorPageTests.Failing.class, ErrorPageTests.FailingWhileRendering.class })
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
	void aPageFailingWhileRenderingAfterMoreThanTomcatsBufferShowsOurPageAndNoneOfItsHalf() {
		HttpResponse<String> response = this.users.signedIn(this.port).get("/test/fail-while-rendering");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("site-header").contains("Something went wrong").doesNotContain("Half a page");
	}

	@Test
	void aClientErrorWithoutItsOwnPageShowsOurPage() {
		PortalHttp http = this.users.signedIn(this.port);

		HttpResponse<String> response = http.submit("/account", "/account/sessions", Map.of("x", "y"));

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.body()).contains("site-header").doesNotContain("Whitelabel");
	}

	/**
	 * The layout's parts come from {@code LayoutMarkup} through the page view on every page, the error controller's
	 * included: a stranger's error page must still carry no CSRF token (asking for it would
	 * start a session for every stray request) and none of a signed-in person's links.
	 */
	@Test
	void aStrangersErrorPageCarriesNoCsrfTokenNorSignedInLinksAndStartsNoSession() {
		PortalHttp stranger = new PortalHttp(this.port);

		HttpResponse<String> response = stranger.get("/css/no-such-sheet.css");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("site-header")
			.doesNotContain("csrf-token", "csrf-header", "platform-admin-link", "Your account", "Sign out");
		assertThat(response.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("AVENTIAN_SESSION="));
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

	@TestConfiguration
	@Controller
	@NotTeamScoped
	static class FailingWhileRendering {

		/** A view that draws more than Tomcat's 8 KB buffer and then meets a defect. */
		@GetMapping("/test/fail-while-rendering")
		String page(Model model) {
			model.addAttribute("page", new Defective());
			return "test/fail-while-rendering";
		}

		public static final class Defective {

			public String failing() {
				throw new IllegalStateException("a defect met while rendering");
			}

		}

	}

}
