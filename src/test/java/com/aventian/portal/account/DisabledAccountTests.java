package com.aventian.portal.account;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.shared.security.RandomToken;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A disabled account is refused at every door, and its open sessions end. */
@PortalTest
class DisabledAccountTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	EmailTokens tokens;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	@Autowired
	StringRedisTemplate redis;

	User admin() {
		User admin = this.users.create("Ada Admin");
		this.accounts.grantPlatformAdmin(admin.id());
		return admin;
	}

	@Test
	void disablingEndsTheAccountsSessionsAndIsAudited() {
		User user = this.users.create("Dora Disabled");
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);

		this.accounts.disable(user.id(), admin().id());

		assertThat(http.get("/account").statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("select status from aventian.tbl_users where id = ?", String.class, user.id()))
			.isEqualTo("DISABLED");
		assertThat(this.audit.eventsAbout("user", user.id().toString())).extracting((event) -> event.action())
			.contains("USER_DISABLED");
	}

	@Test
	void aSessionWrittenBackAfterDisablingIsRefusedOnItsNextRequest() {
		// given a session, copied as an in-flight request would write it back after the account was disabled
		User user = this.users.create("Rhea Race");
		PortalHttp http = this.users.signedIn(this.port, user);
		String key = "aventian:session:sessions:" + http.sessionId();
		byte[] copy = this.redis.execute((RedisCallback<byte[]>) (connection) -> connection.keyCommands().dump(key.getBytes()));

		this.accounts.disable(user.id(), admin().id());
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			connection.keyCommands().restore(key.getBytes(), TimeUnit.HOURS.toMillis(1), copy, true);
			return null;
		});

		// then the next request of that session is refused all the same
		assertThat(http.get("/account").statusCode()).isEqualTo(302);
		assertThat(http.get("/account").headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
	}

	@Test
	void aDisabledAccountCannotSignInWithItsPasswordNorThroughItsProvider() {
		User user = this.users.create("Pia Password");
		this.jdbc.update("insert into aventian.tbl_user_identities (id, user_id, issuer, subject, email, linked_at) "
				+ "values (gen_random_uuid(), ?, 'https://id.example.test', ?, ?, now())", user.id(), user.id().toString(),
				user.email());
		this.accounts.disable(user.id(), admin().id());

		PortalHttp http = new PortalHttp(this.port);
		assertThat(http.signIn(user.email(), TestUsers.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		assertThat(http.get("/account").statusCode()).isEqualTo(302);
		assertThatThrownBy(() -> this.accounts.signInWithIdentity(new ExternalSignIn("https://id.example.test",
				user.id().toString(), user.email(), true, "Pia")))
			.isInstanceOfSatisfying(ExternalSignInRefusedException.class,
					(refused) -> assertThat(refused.reason()).isEqualTo(ExternalSignInRefusedException.Reason.ACCOUNT_DISABLED));
	}

	@Test
	void linksMailedBeforeDisablingNoLongerWork() {
		User user = this.users.create("Lina Links");
		RandomToken reset = issue(user, EmailToken.Purpose.RESET_PASSWORD);
		RandomToken change = issue(user, EmailToken.Purpose.CHANGE_EMAIL);
		RandomToken verify = issue(user, EmailToken.Purpose.VERIFY_EMAIL);
		this.accounts.disable(user.id(), admin().id());
		PortalHttp http = new PortalHttp(this.port);

		assertThat(http.get("/password/reset?token=" + reset.value()).body()).contains("This link is not valid");
		assertThat(http.submit("/login", "/password/reset", Map.of("token", reset.value(), "password",
				"walnut glacier sparrow 4096", "passwordConfirmation", "walnut glacier sparrow 4096")).body())
			.contains("This link is not valid");
		assertThat(http.submit("/login", "/account/email/confirm", Map.of("token", change.value())).body())
			.contains("This link is not valid");
		assertThat(http.submit("/login", "/verify-email/confirm", Map.of("token", verify.value())).body())
			.contains("This link is not valid");
	}

	@Test
	void enablingLetsTheOwnerBackIn() {
		User user = this.users.create("Eno Enabled");
		User admin = admin();
		this.accounts.disable(user.id(), admin.id());

		this.accounts.enable(user.id(), admin.id());

		assertThat(this.users.signedIn(this.port, user).get("/account").statusCode()).isEqualTo(200);
		assertThat(this.audit.eventsAbout("user", user.id().toString())).extracting((event) -> event.action())
			.contains("USER_DISABLED", "USER_ENABLED");
	}

	@Test
	void onlyAPlatformAdminDisables() {
		User user = this.users.create("Ned Nobody");
		User other = this.users.create("Otto Other");

		assertThatThrownBy(() -> this.accounts.disable(user.id(), other.id())).isInstanceOf(AccessDeniedException.class);
		assertThat(this.users.signedIn(this.port, user).get("/account").statusCode()).isEqualTo(200);
	}

	private RandomToken issue(User user, EmailToken.Purpose purpose) {
		return this.transaction
			.execute((status) -> this.tokens.issue(user.id(), purpose, user.email(), Duration.ofHours(1)));
	}


}
