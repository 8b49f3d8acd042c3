package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.shared.security.RandomToken;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class ProfileBadInputTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EmailTokens tokens;

	@Autowired
	TransactionTemplate transaction;

	HttpResponse<String> post(PortalHttp http, String path, Map<String, String> fields) {
		return http.submitWithHeaders("/account", path, fields);
	}

	String emailOf(User user) {
		return this.jdbc.queryForObject("select email from aventian.tbl_users where id = ?", String.class, user.id());
	}

	@Test
	void aWrongCurrentPasswordIsRefusedForAnEmailOrPasswordChange() {
		User user = this.users.create("Wes Wrong");
		PortalHttp http = this.users.signedIn(this.port, user);
		String newEmail = "wes.new." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		HttpResponse<String> email = post(http, "/account/email", Map.of("newEmail", newEmail, "currentPassword", "nope nope nope"));
		HttpResponse<String> password = post(http, "/account/password", Map.of("currentPassword", "nope nope nope",
				"newPassword", "cobalt meadow lantern 88", "newPasswordConfirmation", "cobalt meadow lantern 88"));

		assertThat(email.body()).contains("That is not your current password.").contains("value=\"" + newEmail + "\"");
		assertThat(password.body()).contains("That is not your current password.").doesNotContain("cobalt meadow lantern 88");
		assertThat(TestMailbox.mailsTo(newEmail)).isEmpty();
		assertThat(new PortalHttp(this.port).signIn(user.email(), TestUsers.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
	}

	@Test
	void aTakenEmailGetsTheSameAnswerTellsItsOwnerAndChangesNothing() {
		User user = this.users.create("Tia Taken");
		User owner = this.users.create("Oz Owner");
		String free = "tia.free." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp http = this.users.signedIn(this.port, user);

		HttpResponse<String> taken = post(http, "/account/email", Map.of("newEmail", owner.email(), "currentPassword", TestUsers.PASSWORD));
		String takenAnswer = SignInAbuseTests.withoutCsrf(http.get("/account").body());
		HttpResponse<String> fresh = post(http, "/account/email", Map.of("newEmail", free, "currentPassword", TestUsers.PASSWORD));
		String freshAnswer = SignInAbuseTests.withoutCsrf(http.get("/account").body());

		assertThat(taken.statusCode()).isEqualTo(302);
		assertThat(fresh.statusCode()).isEqualTo(302);
		assertThat(takenAnswer.replace(owner.email(), "EMAIL")).isEqualTo(freshAnswer.replace(free, "EMAIL"));
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(owner.email(), 1))).isEqualTo("Someone tried to use your e-mail on Aventian");
		assertThat(emailOf(user)).isEqualTo(user.email());
	}

	@Test
	void aTamperedOrExpiredChangeLinkSaysSoAndChangesNothing() {
		User user = this.users.create("Lou Links");
		String target = "lou.new." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		RandomToken expired = this.transaction.execute((status) -> this.tokens.issue(user.id(), EmailToken.Purpose.CHANGE_EMAIL,
				target, Duration.ofSeconds(-1)));
		PortalHttp http = new PortalHttp(this.port);

		assertThat(http.get("/account/email/confirm?token=" + expired.value()).body()).contains("This link has expired");
		assertThat(http.submit("/login", "/account/email/confirm", Map.of("token", expired.value())).body())
			.contains("This link has expired");
		assertThat(http.submit("/login", "/account/email/confirm", Map.of("token", "x" + expired.value())).body())
			.contains("This link is not valid");
		assertThat(emailOf(user)).isEqualTo(user.email());
	}

	@Test
	void endingASessionThatIsNotYoursIs404AndLeavesItAlone() {
		User victim = this.users.create("Vera Victim");
		User attacker = this.users.create("Art Attacker");
		PortalHttp victimHttp = this.users.signedIn(this.port, victim);
		PortalHttp attackerHttp = this.users.signedIn(this.port, attacker);
		String victimSession = victimHttp.cookies().getCookieStore().getCookies().stream()
			.filter((cookie) -> cookie.getName().equals("AVENTIAN_SESSION"))
			.findFirst()
			.orElseThrow()
			.getValue();
		String sessionId = new String(java.util.Base64.getDecoder().decode(victimSession));

		assertThat(post(attackerHttp, "/account/sessions/" + sessionId + "/end", Map.of()).statusCode()).isEqualTo(404);
		assertThat(post(attackerHttp, "/account/sessions/not-a-session/end", Map.of()).statusCode()).isEqualTo(404);
		assertThat(victimHttp.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void htmlInTheDisplayNameIsShownEscaped() {
		User user = this.users.create("Hal Html");
		PortalHttp http = this.users.signedIn(this.port, user);

		post(http, "/account/name", Map.of("displayName", "<img src=x onerror=alert(1)>"));
		String page = http.get("/account").body();

		assertThat(page).contains("value=\"&lt;img src=x onerror=alert(1)&gt;\"").doesNotContain("<img src=x");
		assertThat(post(http, "/account/name", Map.of("displayName", "n".repeat(10_000))).body()).contains("Use at most 100 characters.");
		assertThat(post(http, "/account/name", Map.of("displayName", "  ")).body()).contains("Enter your name.");
	}

}
