package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Pages are rendered whole before they are sent ({@link PageView}): every page goes out in one write, with its length
 * in bytes, and the session the request started or changed is still saved and its cookie sent.
 */
@PortalTest
class PageViewTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void aTeamPageIsSentWholeWithItsLengthNotChunked() {
		// given a member of a team
		User owner = this.users.create("Len Length");
		UUID team = this.users.team("Length " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);

		// when they open its home
		HttpResponse<String> page = http.get("/teams/" + team);

		// then the page comes whole with a Content-Length, not chunked
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("site-header", "</html>");
		assertThat(page.headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(page.headers().firstValueAsLong("Content-Length"))
			.hasValue(page.body().getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void aPageLargerThanTomcatsBufferIsSentWholeWithItsLengthInBytes() {
		// given a team of 25 members, some with names of two, three and four bytes a character in UTF-8
		User owner = this.users.create("Len Large");
		Object[] members = new Object[50];
		for (int i = 0; i < 25; i++) {
			members[2 * i] = this.users.create("Zo\u00eb \u6f22\u5b57 \ud83d\ude00 Member " + i);
			members[2 * i + 1] = "Member";
		}
		UUID team = this.users.team("Large " + UUID.randomUUID(), owner, members);
		PortalHttp http = this.users.signedIn(this.port, owner);

		// when the owner opens its members page (20 rows: more than Tomcat's 8 KB buffer)
		HttpResponse<String> page = http.get("/teams/" + team + "/members");

		// then it comes whole, its length counting bytes, not characters, and not chunked
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Zo\u00eb \u6f22\u5b57 \ud83d\ude00 Member", "</html>");
		int bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
		assertThat(bytes).isGreaterThan(8192);
		assertThat(page.headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(page.headers().firstValueAsLong("Content-Length")).hasValue(bytes);
	}

	@Test
	void theSignInPageStartsASessionWhoseTokenSignsIn() {
		// given a stranger opening the sign-in page (which starts the session its CSRF token lives in)
		User user = this.users.create("Sam Session");
		PortalHttp stranger = new PortalHttp(this.port);

		HttpResponse<String> signInPage = stranger.get("/login");

		// then the session's cookie comes with the unflushed page, and the page's token signs in
		assertThat(signInPage.headers().allValues("Set-Cookie")).anyMatch((cookie) -> cookie.startsWith("AVENTIAN_SESSION="));
		HttpResponse<String> signedIn = stranger.signIn(user.email(), TestUsers.PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
	}

}
