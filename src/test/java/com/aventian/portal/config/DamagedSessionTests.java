package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session record that Redis has damaged (only {@code lastAccessedTime} left, as when a request's delta
 * save re-creates a record that expired under it) counts as no session: deleted, warned about once,
 * never a 500.
 */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class DamagedSessionTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;


	static String keyOf(String sessionId) {
		return "aventian:session:sessions:" + sessionId;
	}

	/** What Redis leaves after the record expired under an in-flight request: only the last access time. */
	void damage(String sessionId) {
		Set<Object> fields = this.redis.opsForHash().keys(keyOf(sessionId));
		fields.remove("lastAccessedTime");
		assertThat(fields).isNotEmpty();
		this.redis.opsForHash().delete(keyOf(sessionId), fields.toArray());
	}

	@Test
	void aDamagedSessionIsNoSessionOnEveryPageAndIsDeletedWithOneWarning(CapturedOutput output) {
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		damage(id);

		HttpResponse<String> home = http.get("/");
		HttpResponse<String> signIn = http.get("/login");

		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(this.redis.hasKey(keyOf(id))).isFalse();
		assertThat(output.getAll().split("Damaged session", -1)).hasSize(2);
		assertThat(output.getAll()).doesNotContain(id);
	}

	@Test
	void aSessionWhoseValuesNoLongerDeserialiseIsNoSession() {
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		byte[] key = keyOf(id).getBytes(StandardCharsets.UTF_8);
		byte[] field = "sessionAttr:SPRING_SECURITY_CONTEXT".getBytes(StandardCharsets.UTF_8);
		this.redis.execute((RedisCallback<Boolean>) (connection) -> connection.hashCommands()
			.hSet(key, field, new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 's', 'r', 0, 9 }));

		HttpResponse<String> home = http.get("/");

		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(http.get("/login").statusCode()).isEqualTo(200);
		assertThat(this.redis.hasKey(keyOf(id))).isFalse();
	}

	@Test
	void theOwnerOfADamagedSessionSignsInAgainWithTheSameCookie() {
		User user = this.users.create("Damaged Signer");
		PortalHttp http = this.users.signedIn(this.port, user);
		damage(http.sessionId());

		HttpResponse<String> again = http.signIn(user.email(), TestUsers.PASSWORD);

		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(again.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void yourSessionsSkipsAndDeletesADamagedSessionAndEndsTheOthers() {
		User user = this.users.create("Damaged Lister");
		PortalHttp here = this.users.signedIn(this.port, user);
		PortalHttp damaged = this.users.signedIn(this.port, user);
		PortalHttp elsewhere = this.users.signedIn(this.port, user);
		String damagedId = damaged.sessionId();
		damage(damagedId);

		HttpResponse<String> page = here.get("/account/sessions");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body().split("data-testid=\"session-row\"", -1)).hasSize(3);
		assertThat(this.redis.hasKey(keyOf(damagedId))).isFalse();

		HttpResponse<String> endOthers = here.submit("/account/sessions", "/account/sessions/end-others", Map.of());
		assertThat(endOthers.statusCode()).isEqualTo(302);
		assertThat(elsewhere.get("/account").statusCode()).isEqualTo(302);
		assertThat(here.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void aPasswordResetEndsTheOtherSessionsWhenOneIsDamaged() {
		User user = this.users.create("Damaged Reset");
		PortalHttp damaged = this.users.signedIn(this.port, user);
		PortalHttp elsewhere = this.users.signedIn(this.port, user);
		damage(damaged.sessionId());
		PortalHttp stranger = new PortalHttp(this.port);
		stranger.submit("/password/forgot", "/password/forgot", Map.of("email", user.email()));
		String link = TestMailbox.pathOf(TestMailbox.linkIn(TestMailbox.awaitMail(user.email(), 1), "/password/reset"));
		String token = link.substring(link.indexOf("token=") + "token=".length());

		HttpResponse<String> reset = stranger.submit(link, "/password/reset",
				Map.of("token", token, "password", "walnut glacier sparrow 4096", "passwordConfirmation",
						"walnut glacier sparrow 4096"));

		assertThat(reset.statusCode()).isEqualTo(302);
		assertThat(reset.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		assertThat(elsewhere.get("/account").statusCode()).isEqualTo(302);
		assertThat(damaged.get("/login").statusCode()).isEqualTo(200);
	}

	@Test
	void aPasswordChangeEndsTheOtherSessionsWhenOneIsDamaged() {
		User user = this.users.create("Damaged Change");
		PortalHttp here = this.users.signedIn(this.port, user);
		PortalHttp damaged = this.users.signedIn(this.port, user);
		PortalHttp elsewhere = this.users.signedIn(this.port, user);
		damage(damaged.sessionId());

		HttpResponse<String> change = here.submit("/account", "/account/password",
				Map.of("currentPassword", TestUsers.PASSWORD, "newPassword", "walnut glacier sparrow 4096",
						"newPasswordConfirmation", "walnut glacier sparrow 4096", "endOtherSessions", "true"));

		assertThat(change.statusCode()).isEqualTo(302);
		assertThat(elsewhere.get("/account").statusCode()).isEqualTo(302);
		assertThat(here.get("/account").statusCode()).isEqualTo(200);
	}

}
