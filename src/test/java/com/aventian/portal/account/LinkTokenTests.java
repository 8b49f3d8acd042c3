package com.aventian.portal.account;

import java.time.Duration;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.shared.security.RandomToken;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A reused, expired or tampered link says which, and changes nothing. */
@PortalTest
class LinkTokenTests {

	@LocalServerPort
	int port;

	@Autowired
	EmailTokens tokens;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	TransactionTemplate transaction;

	RandomToken issue(User user, EmailToken.Purpose purpose, Duration validity) {
		return this.transaction.execute((status) -> this.tokens.issue(user.id(), purpose, user.email(), validity));
	}

	User unverifiedUser() {
		User user = this.users.create("Link Tester");
		this.jdbc.update("update aventian.tbl_users set email_verified_at = null where id = ?", user.id());
		return user;
	}

	boolean verified(User user) {
		return this.jdbc.queryForObject("select email_verified_at is not null from aventian.tbl_users where id = ?",
				Boolean.class, user.id());
	}

	@Nested
	class Verification {

		@Test
		void aTamperedLinkIsNotValidAndVerifiesNothing() {
			User user = unverifiedUser();
			RandomToken token = issue(user, EmailToken.Purpose.VERIFY_EMAIL, Duration.ofHours(1));
			String tampered = token.value().substring(0, 42) + (token.value().endsWith("A") ? "B" : "A");
			PortalHttp http = new PortalHttp(LinkTokenTests.this.port);

			assertThat(http.get("/verify-email/confirm?token=" + tampered).body()).contains("This link is not valid");
			assertThat(http.submit("/login", "/verify-email/confirm", Map.of("token", tampered)).body())
				.contains("This link is not valid");
			assertThat(verified(user)).isFalse();
		}

		@Test
		void anExpiredLinkSaysSoAndVerifiesNothing() {
			User user = unverifiedUser();
			RandomToken token = issue(user, EmailToken.Purpose.VERIFY_EMAIL, Duration.ofSeconds(-1));
			PortalHttp http = new PortalHttp(LinkTokenTests.this.port);

			assertThat(http.get("/verify-email/confirm?token=" + token.value()).body()).contains("This link has expired");
			assertThat(http.submit("/login", "/verify-email/confirm", Map.of("token", token.value())).body())
				.contains("This link has expired");
			assertThat(verified(user)).isFalse();
		}

		@Test
		void aLinkWorksOnceThenSaysItWasUsed() {
			User user = unverifiedUser();
			RandomToken token = issue(user, EmailToken.Purpose.VERIFY_EMAIL, Duration.ofHours(1));
			PortalHttp http = new PortalHttp(LinkTokenTests.this.port);

			assertThat(http.submit("/login", "/verify-email/confirm", Map.of("token", token.value())).statusCode())
				.isEqualTo(302);
			assertThat(verified(user)).isTrue();
			assertThat(http.submit("/login", "/verify-email/confirm", Map.of("token", token.value())).body())
				.contains("This link was already used");
		}

		@Test
		void aMissingOrOversizedTokenIsNotValid() {
			PortalHttp http = new PortalHttp(LinkTokenTests.this.port);

			assertThat(http.get("/verify-email/confirm").body()).contains("This link is not valid");
			assertThat(http.get("/verify-email/confirm?token=" + "a".repeat(500)).body())
				.contains("This link is not valid");
		}

		@Test
		void onlyTheHashOfTheTokenIsStored() {
			User user = unverifiedUser();
			RandomToken token = issue(user, EmailToken.Purpose.VERIFY_EMAIL, Duration.ofHours(1));

			assertThat(LinkTokenTests.this.jdbc.queryForList(
					"select encode(token_hash, 'escape') from aventian.tbl_email_tokens where user_id = ?", String.class,
					user.id())).singleElement().asString().doesNotContain(token.value());
			assertThat(token.value()).hasSize(43);
		}

	}

	@Nested
	class PasswordReset {

		@Test
		void aTamperedExpiredOrUsedLinkSaysWhichAndLeavesThePasswordAlone() {
			User user = LinkTokenTests.this.users.create("Reset Links");
			RandomToken expired = issue(user, EmailToken.Purpose.RESET_PASSWORD, Duration.ofSeconds(-1));
			PortalHttp http = new PortalHttp(LinkTokenTests.this.port);
			Map<String, String> newPassword = Map.of("password", "walnut glacier sparrow 4096", "passwordConfirmation",
					"walnut glacier sparrow 4096");

			assertThat(http.get("/password/reset?token=" + expired.value()).body()).contains("This link has expired");
			assertThat(http.submit("/login", "/password/reset", with(newPassword, expired.value())).body())
				.contains("This link has expired");
			assertThat(http.submit("/login", "/password/reset", with(newPassword, "tampered" + expired.value())).body())
				.contains("This link is not valid");
			assertThat(passwordIs(user, TestUsers.PASSWORD)).isTrue();

			RandomToken fresh = issue(user, EmailToken.Purpose.RESET_PASSWORD, Duration.ofMinutes(30));
			assertThat(http.submit("/login", "/password/reset", with(newPassword, fresh.value())).statusCode())
				.isEqualTo(302);
			assertThat(passwordIs(user, "walnut glacier sparrow 4096")).isTrue();
			assertThat(http.submit("/login", "/password/reset",
					with(Map.of("password", "another fine password 1", "passwordConfirmation", "another fine password 1"),
							fresh.value()))
				.body()).contains("This link was already used");
			assertThat(passwordIs(user, "walnut glacier sparrow 4096")).isTrue();
		}

		@Test
		void aWeakOrMismatchedNewPasswordIsRefusedAndTheLinkStillWorks() {
			User user = LinkTokenTests.this.users.create("Weak Reset");
			RandomToken token = issue(user, EmailToken.Purpose.RESET_PASSWORD, Duration.ofMinutes(30));
			PortalHttp http = new PortalHttp(LinkTokenTests.this.port);

			assertThat(http
				.submit("/login", "/password/reset",
						with(Map.of("password", "password1234", "passwordConfirmation", "password1234"), token.value()))
				.body()).contains("This password is too easy to guess.").doesNotContain("password1234");
			assertThat(http.submit("/login", "/password/reset", with(
					Map.of("password", "walnut glacier sparrow 4096", "passwordConfirmation", "walnut glacier sparrow"),
					token.value()))
				.body()).contains("The two passwords differ.");
			assertThat(passwordIs(user, TestUsers.PASSWORD)).isTrue();
			assertThat(http.get("/password/reset?token=" + token.value()).body()).contains("Choose a new password");
		}

		private boolean passwordIs(User user, String password) {
			String hash = LinkTokenTests.this.jdbc.queryForObject("select password_hash from aventian.tbl_users where id = ?",
					String.class, user.id());
			return LinkTokenTests.this.passwordEncoder.matches(password, hash);
		}

		private static Map<String, String> with(Map<String, String> fields, String token) {
			Map<String, String> all = new java.util.HashMap<>(fields);
			all.put("token", token);
			return all;
		}

	}

}
