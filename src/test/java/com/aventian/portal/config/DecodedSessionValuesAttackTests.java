package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's values decoded by its last read and handed out again ({@link DecodedSessionValues}) never outlive
 * what Redis holds: whatever happens to the record between two requests, the next request answers as decoding
 * the record then would.
 */
@PortalTest
class DecodedSessionValuesAttackTests {

	private static final byte[] CONTEXT = "sessionAttr:SPRING_SECURITY_CONTEXT".getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisIndexedSessionRepository sessions;

	DecodedSessionValues decoded() {
		return ((SessionReads.Template) this.sessions.getSessionRedisOperations()).decoded();
	}

	byte[] contextOf(String sessionId) {
		byte[] key = SessionReadsTests.sessionKey(sessionId).getBytes(StandardCharsets.UTF_8);
		return this.redis.execute((RedisCallback<byte[]>) (connection) -> connection.hashCommands().hGet(key, CONTEXT));
	}

	void setContext(String sessionId, byte[] value) {
		byte[] key = SessionReadsTests.sessionKey(sessionId).getBytes(StandardCharsets.UTF_8);
		this.redis.execute((RedisCallback<Boolean>) (connection) -> connection.hashCommands().hSet(key, CONTEXT, value));
	}

	/** A session signed in whose values its requests have decoded and kept. */
	PortalHttp signedInAndKept(User user) {
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		assertThat(decoded().keeps(http.sessionId())).isTrue();
		return http;
	}

	static void assertSentToSignIn(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
	}

	@Test
	void aSignedInSessionsRequestsKeepItsDecodedValuesForTheNextRequest() {
		User user = this.users.create("Kept Kim");

		PortalHttp http = signedInAndKept(user);

		assertThat(http.get("/account").body()).contains(user.email());
	}

	@Test
	void aSecurityContextDamagedAfterItWasDecodedIsNoSessionOnTheNextRequest() {
		PortalHttp http = signedInAndKept(this.users.create("Damaged Dan"));
		String id = http.sessionId();
		byte[] context = contextOf(id);
		byte[] damaged = java.util.Arrays.copyOf(context, context.length - 3);

		setContext(id, damaged);

		assertSentToSignIn(http.get("/account"));
		assertThat(this.redis.hasKey(SessionReadsTests.sessionKey(id))).isFalse();
	}

	@Test
	void aSecurityContextReplacedByAnotherUsersAfterItWasDecodedIsReadAsThatUsersOnTheNextRequest() {
		User ana = this.users.create("Replaced Ana");
		User ben = this.users.create("Replaced Ben");
		PortalHttp anas = signedInAndKept(ana);
		PortalHttp bens = signedInAndKept(ben);

		setContext(anas.sessionId(), contextOf(bens.sessionId()));

		String page = anas.get("/account").body();
		assertThat(page).contains(ben.email()).doesNotContain(ana.email());
	}

	@Test
	void aSessionSignedOutIsSignedOutForItsCookieOnTheNextRequestThoughItsValuesWereKept() {
		PortalHttp http = signedInAndKept(this.users.create("Gone Gil"));
		String cookie = "AVENTIAN_SESSION="
				+ Base64.getEncoder().encodeToString(http.sessionId().getBytes(StandardCharsets.UTF_8));

		assertThat(http.submit("/account", "/logout", Map.of()).statusCode()).isEqualTo(302);

		assertSentToSignIn(new PortalHttp(this.port).get("/account", "Cookie", cookie));
	}

	@Test
	void aSessionEndedFromTheSessionsPageIsEndedOnItsNextRequestThoughItsValuesWereKept() {
		User user = this.users.create("Ended Eve");
		PortalHttp here = signedInAndKept(user);
		PortalHttp elsewhere = signedInAndKept(user);

		assertThat(here.submit("/account/sessions", "/account/sessions/end-others", Map.of()).statusCode()).isEqualTo(302);

		assertSentToSignIn(elsewhere.get("/account"));
		assertThat(here.get("/account").statusCode()).isEqualTo(200);
	}

}
