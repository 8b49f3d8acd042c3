package com.aventian.portal.config;

import java.io.IOException;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * View names resolved by Thymeleaf directly ({@link HtmlViews}, instead of Boot's content-negotiating resolver):
 * what a page, a redirect and an error answer does not depend on what the request says it accepts, beyond what
 * Spring's error controller itself negotiates, and an HTML answer is always labelled HTML.
 */
@PortalTest
class HtmlViewsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void aPageAskedForAsJsonAnswersItsPageLabelledHtml() {
		// given someone signed in with a team
		User owner = this.users.create("Jay Json");
		UUID team = this.users.team("Json Asked " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);

		// when a page is asked for as JSON only, then it is the page, said to be HTML (never HTML labelled JSON)
		for (String path : new String[] { "/account", "/teams/" + team, "/teams/" + team + "/members" }) {
			HttpResponse<String> page = accepting(http, path, "application/json");
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).as(path).contains("site-header");
		}
	}

	@Test
	void aMissingTeamAnswersThePortalsPageToABrowserAndJsonToAMachine() {
		PortalHttp http = this.users.signedIn(this.port);
		String missing = "/teams/" + UUID.randomUUID();

		HttpResponse<String> page = http.get(missing);
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("site-header").doesNotContain("Whitelabel");

		HttpResponse<String> json = accepting(http, missing, "application/json");
		assertThat(json.statusCode()).isEqualTo(404);
		assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).contains("json"));
		assertThat(json.body()).doesNotContain("site-header");
	}

	@Test
	void aRedirectViewIsARedirectWhateverTheRequestAccepts() {
		// the sign-in form's success is a redirect view name
		User user = this.users.create("Rory Redirect");
		PortalHttp http = new PortalHttp(this.port);
		String token = PortalHttp.csrfTokenOf(http.get("/login").body());

		HttpResponse<String> signedIn = http.postForm("/login",
				java.util.Map.of("email", user.email(), "password", TestUsers.PASSWORD, "_csrf", token), "Accept",
				"application/json");

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(accepting(http, "/account", "application/json").body()).contains("Rory Redirect");
	}

	/** A GET with this Accept header only ({@link PortalHttp#get} adds a browser's), with the person's cookies. */
	private HttpResponse<String> accepting(PortalHttp http, String path, String accept) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept)
			.GET()
			.build();
		try {
			return HttpClient.newBuilder()
				.cookieHandler(http.cookies())
				.followRedirects(HttpClient.Redirect.NEVER)
				.build()
				.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void manyMadeUpLanguagesFillNoCacheThatChangesAnyonesNavigation() {
		// given a team's owner and a member (different links), and a flood of made-up languages on team home
		User owner = this.users.create("Lena Languages");
		User member = this.users.create("Max Member");
		UUID team = this.users.team("Languages " + UUID.randomUUID(), owner, member, "Member");
		PortalHttp owners = this.users.signedIn(this.port, owner);
		PortalHttp members = this.users.signedIn(this.port, member);
		for (int i = 0; i < 600; i++) {
			String language = "x" + Integer.toString(i, 36) + "-QQ";
			assertThat(owners.get("/teams/" + team, "Accept-Language", language).statusCode()).isEqualTo(200);
		}

		// when each asks for the page in a language nobody asked for before
		String ownersPage = owners.get("/teams/" + team, "Accept-Language", "zz-ZZ").body();
		String membersPage = members.get("/teams/" + team, "Accept-Language", "zz-ZZ").body();

		// then each sees the links of their own privileges
		assertThat(ownersPage).contains("href=\"/teams/" + team + "/settings\"");
		assertThat(membersPage).contains("href=\"/teams/" + team + "/leave\"")
			.doesNotContain("href=\"/teams/" + team + "/settings\"");
	}

}
