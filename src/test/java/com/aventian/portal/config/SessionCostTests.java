package com.aventian.portal.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RedisCommands;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository.RedisSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a signed-in request costs in Redis (issue 10): two commands in one round trip and no write while
 * nothing in the session changed and its last access is recent. {@code HGETALL}: Spring Session's filter
 * reads the session, once (its second read, after the save when the response commits, is answered by
 * {@link SessionTouch} from that save: spring-session issue #1424); {@code EXISTS}: the disabled-account
 * mark ({@code DisabledAccounts}), sent with the {@code HGETALL} once the session has been met
 * ({@link SessionReads}; the first request after sign-in asks for it after the read). The last access is written again once it is older than
 * {@link SessionTouch#INTERVAL}, so idle expiry still counts.
 */
@PortalTest
class SessionCostTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisIndexedSessionRepository sessions;

	Map<String, Long> commandsOf(PortalHttp http, String path) {
		return RedisCommands.during(this.redis, () -> assertThat(http.get(path).statusCode()).as(path).isEqualTo(200));
	}

	@Test
	void aSignedInRequestReadsTheSessionOnceAndTheDisabledMarkInOneRoundTripAndWritesNothing() {
		PortalHttp http = this.users.signedIn(this.port);
		http.get("/account");

		assertThat(commandsOf(http, "/account")).containsExactlyInAnyOrderEntriesOf(Map.of("hgetall", 1L, "exists", 1L));
		assertThat(commandsOf(http, "/actuator/health/liveness")).containsExactlyInAnyOrderEntriesOf(
				Map.of("hgetall", 1L, "exists", 1L));
		assertThat(RedisCommands.roundTripsDuring(this.redis,
				() -> assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200))).isEqualTo(1);
	}

	@Test
	void everyRequestReadsItsSessionFromRedisAndNoneReusesAnEarlierRequestsCopy() {
		// given a session, and the server's request threads each having served requests of it before
		PortalHttp http = this.users.signedIn(this.port);
		for (int i = 0; i < 10; i++) {
			http.get("/account");
		}

		// when 30 more requests run one after the other, on whichever threads serve them
		Map<String, Long> commands = RedisCommands.during(this.redis, () -> {
			for (int i = 0; i < 30; i++) {
				assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			}
		});

		// then each read the session from Redis itself, once, with the disabled mark in the same round trip
		assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("hgetall", 30L, "exists", 30L));
		assertThat(RedisCommands.roundTripsDuring(this.redis, () -> {
			for (int i = 0; i < 30; i++) {
				assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			}
		})).isEqualTo(30);
	}

	@Test
	void aPageLongEnoughToCommitItsResponseEarlyCostsNoMore() {
		// 23 rows overflow the response buffer: Spring Session saves the session when the response commits
		User owner = this.users.create("Lena Long");
		Object[] members = new Object[44];
		for (int i = 0; i < 22; i++) {
			members[2 * i] = this.users.create("Member " + i);
			members[2 * i + 1] = "Member";
		}
		UUID team = this.users.team("Long " + UUID.randomUUID(), owner, members);
		PortalHttp http = this.users.signedIn(this.port, owner);
		http.get("/teams/" + team + "/members");

		// plus the team gate's one read of the member's cached privileges (user:roles:<id>, a field per team)
		assertThat(commandsOf(http, "/teams/" + team + "/members")).containsExactlyInAnyOrderEntriesOf(
				Map.of("hgetall", 1L, "exists", 1L, "hmget", 1L));
	}

	@Test
	void aSessionLastAccessedLongerAgoThanTheIntervalIsTouchedAndItsExpiryMovesOn() {
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		Instant longAgo = Instant.now().minus(SessionTouch.INTERVAL).minusSeconds(30);
		lastAccessed(id, longAgo);

		Map<String, Long> commands = commandsOf(http, "/account");

		Instant touched = this.sessions.findById(id).getLastAccessedTime();
		assertThat(touched).isAfter(Instant.now().minusSeconds(30));
		assertThat(commands).containsKeys("hmset");
		assertThat(Duration.ofMillis(this.redis.getExpire(DamagedSessionTests.keyOf(id), java.util.concurrent.TimeUnit.MILLISECONDS)))
			.isGreaterThan(Duration.ofHours(8));
	}

	@Test
	void aSessionIdleLongerThanItsLifetimeHasEndedEvenThoughRecentRequestsWroteNothing() {
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		lastAccessed(id, Instant.now().minus(Duration.ofHours(8)).minusSeconds(1));

		assertThat(http.get("/account").statusCode()).isEqualTo(302);
	}

	private void lastAccessed(String id, Instant when) {
		RedisSession session = this.sessions.findById(id);
		session.setLastAccessedTime(when);
		this.sessions.save(session);
	}

}
