package com.aventian.portal.team;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
 * The htmx list's bytes as {@code MembersController.send} writes them (issue 10): a length that counts the UTF-8
 * bytes of names outside ASCII, not their characters, and a HEAD request answered with the GET's headers and no body.
 */
@PortalTest
class MembersListSendingTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void theListsLengthIsItsBytesAndHeadAnswersTheSameHeadersWithoutABody() throws Exception {
		// given members whose names take two, three and four bytes a character in UTF-8
		User owner = this.users.create("Mia Owner");
		User zoe = this.users.create("Zo\u00eb \u00c5str\u00f6m \u6f22\u5b57 \ud83d\ude00");
		UUID team = this.users.team("Bytes " + UUID.randomUUID(), owner, zoe, "Member");
		PortalHttp http = this.users.signedIn(this.port, owner);
		String path = "/teams/" + team + "/members?q=zo";

		// when the list is asked for by GET and by HEAD
		HttpResponse<String> got = http.get(path, "HX-Request", "true");
		HttpResponse<byte[]> head = HttpClient.newBuilder()
			.cookieHandler(http.cookies())
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.header("HX-Request", "true")
				.build(), HttpResponse.BodyHandlers.ofByteArray());

		// then the GET's length is its bytes, the name is whole, and HEAD says the same without a body
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.body()).contains("Zo\u00eb \u00c5str\u00f6m \u6f22\u5b57 \ud83d\ude00");
		assertThat(got.headers().firstValueAsLong("Content-Length"))
			.hasValue(got.body().getBytes(StandardCharsets.UTF_8).length);
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		for (String header : new String[] { "Content-Type", "Content-Length", "Content-Language", "Cache-Control",
				"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy" }) {
			assertThat(head.headers().allValues(header)).as(header).isEqualTo(got.headers().allValues(header));
		}
	}

}
