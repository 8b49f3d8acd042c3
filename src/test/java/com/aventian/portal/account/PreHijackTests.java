package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever proves the e-mail decides the account: a squatter who signed up first with someone else's
 * address keeps neither the password nor the session once the real owner verifies.
 */
@PortalTest
class PreHijackTests {

	static final String SQUATTER_PASSWORD = "squatter orchid marble 7781";

	static final String OWNER_PASSWORD = "owner lantern meadow 9902";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void verifyingTheRealOwnersLinkDiscardsTheSquattersPasswordAndSession() {
		// given a squatter who signed up with the owner's address and stays signed in, unverified
		String email = "victim." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp squatter = new PortalHttp(this.port);
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		assertThat(squatter.signIn(email, SQUATTER_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(squatter.get("/verify-email").statusCode()).isEqualTo(200);
		String squattersToken = tokenOf(TestMailbox.awaitMail(email, 1));

		// when the real owner signs up with the same address and opens the link mailed to them
		PortalHttp owner = new PortalHttp(this.port);
		signUp(owner, email, "Olivia Owner", OWNER_PASSWORD);
		String ownersToken = tokenOf(TestMailbox.awaitMail(email, 2));
		HttpResponse<String> verified = owner.submit("/login", "/verify-email/confirm", Map.of("token", ownersToken));

		// then the owner is in, with the owner's password and name
		assertThat(verified.statusCode()).isEqualTo(302);
		assertThat(owner.get("/account").statusCode()).isEqualTo(200);
		assertThat(signInGoesTo(email, OWNER_PASSWORD)).doesNotContain("error");
		assertThat(this.jdbc.queryForObject("select display_name from aventian.tbl_users where lower(email) = ?",
				String.class, email)).isEqualTo("Olivia Owner");
		// and the squatter's password, session and link are worth nothing
		assertThat(signInGoesTo(email, SQUATTER_PASSWORD)).endsWith("/login?error");
		HttpResponse<String> squattersNextPage = squatter.get("/account");
		assertThat(squattersNextPage.statusCode()).isEqualTo(302);
		assertThat(squattersNextPage.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
		assertThat(new PortalHttp(this.port).submit("/login", "/verify-email/confirm", Map.of("token", squattersToken)).body())
			.contains("This link was already used");
	}

	@Test
	void anUnverifiedSessionReachesOnlyTheVerificationPagesActuatorIncluded() {
		// given someone signed in before verifying
		String email = "unverified." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp http = new PortalHttp(this.port);
		signUp(http, email, "Una Unverified", OWNER_PASSWORD);
		http.signIn(email, OWNER_PASSWORD);

		// when they ask for pages other than verification, then they are sent to it, machines' paths included
		assertThat(http.get("/verify-email").statusCode()).isEqualTo(200);
		for (String path : new String[] { "/", "/account", "/account/sessions", "/actuator/prometheus",
				"/actuator/metrics", "/api/v1/anything" }) {
			HttpResponse<String> answer = http.get(path);
			assertThat(answer.statusCode()).as(path).isIn(302, 403);
			if (answer.statusCode() == 302) {
				assertThat(answer.headers().firstValue("Location")).as(path)
					.hasValueSatisfying((to) -> assertThat(to).endsWith("/verify-email"));
			}
		}
	}

	private String signInGoesTo(String email, String password) {
		return new PortalHttp(this.port).signIn(email, password).headers().firstValue("Location").orElse("");
	}

	static void signUp(PortalHttp http, String email, String name, String password) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("displayName", name);
		fields.put("email", email);
		fields.put("password", password);
		fields.put("passwordConfirmation", password);
		fields.put("acceptTerms", "true");
		assertThat(http.submit("/signup", "/signup", fields).statusCode()).isEqualTo(302);
	}

	static String tokenOf(jakarta.mail.internet.MimeMessage mail) {
		return TestMailbox.linkIn(mail, "/verify-email/confirm").replaceFirst(".*token=", "");
	}

}
