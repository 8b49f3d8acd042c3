package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository.RedisSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session repository that writes the last access only once a minute ({@link SessionTouch}), probed as an
 * attacker would: a request in flight while its session is ended, a session left idle past its timeout, and
 * session values tampered with in Redis. None brings a session back, keeps one alive, or answers 500.
 */
@PortalTest
class SessionTouchAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	SessionTouch touch;

	@Autowired
	RedisIndexedSessionRepository sessions;

	@Test
	void theFirstRequestAfterSignInStillRunningWhenTheSessionIsSignedOutDoesNotBringItBack() {
		// given a session just signed in, whose first request (the one that sets the signed-in lifetime) is running
		PortalHttp http = this.users.signedIn(this.port);
		String cookie = cookieOf(http);
		SessionTouch.TouchedSession inFlight = this.touch.findById(http.sessionId());

		// when the person signs out in another tab, then that request ends, writing the signed-in lifetime
		assertThat(http.submit("/account", "/logout", Map.of()).statusCode()).isEqualTo(302);
		inFlight.setMaxInactiveInterval(Duration.ofHours(8));
		this.touch.save(inFlight);

		// then the session stays ended for anyone holding its cookie
		assertThat(new PortalHttp(this.port).get("/account", "Cookie", cookie).statusCode()).isEqualTo(302);
	}

	@Test
	void aStolenSessionsRequestRunningWhenTheOwnerEndsOtherSessionsDoesNotKeepItAlive() {
		// given the owner's session and a thief's copy of a second one, whose first request is running
		User owner = this.users.create("Olga Owner");
		PortalHttp mine = this.users.signedIn(this.port, owner);
		PortalHttp stolen = this.users.signedIn(this.port, owner);
		SessionTouch.TouchedSession inFlight = this.touch.findById(stolen.sessionId());

		// when the owner ends the other sessions, then the thief's request ends, writing the signed-in lifetime
		assertThat(mine.submit("/account/sessions", "/account/sessions/end-others", Map.of()).statusCode()).isEqualTo(302);
		inFlight.setMaxInactiveInterval(Duration.ofHours(8));
		this.touch.save(inFlight);

		// then the thief is signed out, and the owner still is signed in
		assertThat(stolen.get("/account").statusCode()).isEqualTo(302);
		assertThat(mine.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void aRequestInFlightWhileItsSessionIsSignedOutLeavesNoSessionBehind() {
		// given a signed-in session last touched two minutes ago, read by a slow request that touches it now
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		String cookie = cookieOf(http);
		RedisSession earlier = this.sessions.findById(id);
		earlier.setLastAccessedTime(Instant.now().minus(SessionTouch.INTERVAL.multipliedBy(2)));
		this.sessions.save(earlier);
		SessionTouch.TouchedSession inFlight = this.touch.findById(id);
		inFlight.setLastAccessedTime(Instant.now());
		inFlight.setAttribute("writtenLate", "by the slow request");

		// when the person signs out, then the slow request ends and writes its touch and attribute
		assertThat(http.submit("/account", "/logout", Map.of()).statusCode()).isEqualTo(302);
		this.touch.save(inFlight);

		// then the copied cookie is signed out
		HttpResponse<String> account = new PortalHttp(this.port).get("/account", "Cookie", cookie);
		assertThat(account.statusCode()).isEqualTo(302);
		assertThat(account.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
		assertThat(this.touch.findById(id)).isNull();
	}

	private static String cookieOf(PortalHttp http) {
		String id = http.sessionId();
		return "AVENTIAN_SESSION=" + Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aSessionIdleLongerThanItsTimeoutIsEndedThoughTouchesWereSkipped() {
		// given a signed-in session whose last stored access is a minute past its idle timeout
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		RedisSession stored = this.sessions.findById(id);
		stored.setLastAccessedTime(Instant.now().minus(stored.getMaxInactiveInterval()).minus(Duration.ofMinutes(1)));
		this.sessions.save(stored);

		// when its cookie comes back
		HttpResponse<String> account = http.get("/account");

		// then it is no session
		assertThat(account.statusCode()).isEqualTo(302);
		assertThat(this.touch.findById(id)).isNull();
	}

	@Test
	void sessionValuesTamperedWithInRedisReadAsNoSessionNever500() {
		JdkSerializationRedisSerializer jdk = new JdkSerializationRedisSerializer();
		List<Map.Entry<String, Object>> tampered = List.of(Map.entry("creationTime", "yesterday"),
				Map.entry("lastAccessedTime", 5), Map.entry("maxInactiveInterval", "forever"),
				Map.entry("sessionAttr:SPRING_SECURITY_CONTEXT", "admin"),
				Map.entry("sessionAttr:SPRING_SECURITY_CONTEXT", 42L));
		for (Map.Entry<String, Object> field : tampered) {
			User user = this.users.create("Tess Tampered");
			PortalHttp http = this.users.signedIn(this.port, user);
			PortalHttp other = this.users.signedIn(this.port, user);
			String id = http.sessionId();
			byte[] key = DamagedSessionTests.keyOf(id).getBytes(StandardCharsets.UTF_8);
			byte[] name = field.getKey().getBytes(StandardCharsets.UTF_8);
			byte[] value = jdk.serialize(field.getValue());
			this.redis.execute((RedisCallback<Boolean>) (connection) -> connection.hashCommands().hSet(key, name, value));

			// the owner's other session lists its sessions, the tampered one among them, before anyone uses it
			assertThat(other.get("/account/sessions").statusCode()).as(field.getKey()).isEqualTo(200);
			HttpResponse<String> account = http.get("/account");

			assertThat(account.statusCode()).as(field.getKey()).isEqualTo(302);
			assertThat(account.headers().firstValue("Location")).as(field.getKey())
				.hasValueSatisfying((to) -> assertThat(to).contains("/login"));
			assertThat(http.get("/login").statusCode()).as(field.getKey()).isEqualTo(200);
			assertThat(this.redis.hasKey(DamagedSessionTests.keyOf(id))).as(field.getKey()).isFalse();
			assertThat(other.get("/account").statusCode()).as(field.getKey()).isEqualTo(200);
		}
	}

}
