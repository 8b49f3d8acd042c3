package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RedisCommands;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request of a session met before reads the session and its account's disabled mark in one Redis round
 * trip ({@link SessionReads}, {@code account.DisabledMarkAhead}), and answers exactly as when the mark was
 * asked after the read: a disabled account's session ends on its next request with {@code /login?disabled},
 * whether the session's user was guessed right, wrong, or not at all.
 */
@PortalTest
class SessionReadsTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	/** What a disabling leaves in Redis for a session its deletion missed (DisabledAccounts' key). */
	void markDisabled(User user) {
		this.redis.opsForValue().set("aventian:account-disabled:" + user.id(), "1");
	}

	/** The answer that ends a disabled account's session: to sign-in, saying why. */
	static void assertSentToSignInAsDisabled(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
				(to) -> assertThat(to).endsWith("/login?disabled"));
	}

	static String sessionKey(String id) {
		return "aventian:session:sessions:" + id;
	}

	long roundTripsOf(PortalHttp http, String path, int status) {
		return RedisCommands.roundTripsDuring(this.redis,
				() -> assertThat(http.get(path).statusCode()).as(path).isEqualTo(status));
	}

	@Test
	void aRequestOfASessionMetBeforeReadsTheSessionAndTheDisabledMarkInOneRoundTrip() {
		// given a signed-in session whose first request has been served
		PortalHttp http = this.users.signedIn(this.port);
		http.get("/account");

		// when it makes further requests, then each is one round trip carrying both commands
		assertThat(roundTripsOf(http, LIVENESS, 200)).isEqualTo(1);
		assertThat(roundTripsOf(http, "/account", 200)).isEqualTo(1);
		assertThat(RedisCommands.during(this.redis, () -> http.get(LIVENESS))).containsExactlyInAnyOrderEntriesOf(
				Map.of("hgetall", 1L, "exists", 1L));
	}

	@Test
	void aSessionNotMetBeforeIsCheckedAfterItsReadAndEndsWhenItsAccountIsDisabled() {
		// given a session never read with its user in it (the sign-in gave it a new id), its account disabled
		User user = this.users.create("Nia New");
		PortalHttp http = this.users.signedIn(this.port, user);
		markDisabled(user);

		// when its first request runs, then the mark is asked for after the read, and the session ends
		assertSentToSignInAsDisabled(http.get("/account"));
	}

	@Test
	void anAccountDisabledBetweenTwoRequestsOfASessionMetBeforeEndsTheSessionOnItsNextRequest() {
		// given a session met before
		User user = this.users.create("Mira Marked");
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);

		// when the account is disabled and the session escaped the deletion of its sessions
		markDisabled(user);

		// then its next request, one round trip, ends it and says why
		Map<String, Long> commands = RedisCommands.during(this.redis, () -> {
			assertSentToSignInAsDisabled(http.get("/account"));
		});
		// (the mark read along decided: no second EXISTS; ending the session reads its record again)
		assertThat(commands).containsEntry("exists", 1L);
		assertThat(http.get("/account").headers().firstValue("Location")).hasValueSatisfying(
				(to) -> assertThat(to).contains("/login?continue="));
	}

	@Test
	void aSessionThatNowHoldsAnotherUserThanTheOneRememberedIsCheckedForThatUser() {
		// given a session met before with Ana in it, and Ben's session
		User ana = this.users.create("Ana Assumed");
		User ben = this.users.create("Ben Behind");
		PortalHttp anas = this.users.signedIn(this.port, ana);
		assertThat(anas.get("/account").statusCode()).isEqualTo(200);
		PortalHttp bens = this.users.signedIn(this.port, ben);
		assertThat(bens.get("/account").statusCode()).isEqualTo(200);

		// when Ana's session record comes to hold Ben's (the portal never does this; only the check matters),
		// and Ben's account is disabled
		copySession(bens.sessionId(), anas.sessionId());
		markDisabled(ben);

		// then the mark read along (Ana's) is not taken: Ben's is asked for, and the session ends
		Map<String, Long> commands = RedisCommands.during(this.redis, () -> {
			assertSentToSignInAsDisabled(anas.get("/account"));
		});
		assertThat(commands).containsEntry("exists", 2L);
	}

	@Test
	void aSessionThatNowHoldsAnotherUserIsRememberedWithThatUserAfterwards() {
		// given Ana's session met before, now holding Ben's record, Ben not disabled but Ana is
		User ana = this.users.create("Ana Again");
		User ben = this.users.create("Ben Bystander");
		PortalHttp anas = this.users.signedIn(this.port, ana);
		assertThat(anas.get("/account").statusCode()).isEqualTo(200);
		PortalHttp bens = this.users.signedIn(this.port, ben);
		assertThat(bens.get("/account").statusCode()).isEqualTo(200);
		copySession(bens.sessionId(), anas.sessionId());
		markDisabled(ana);

		// when the session is used twice: then Ana's mark, read along, decides nothing: Ben is not disabled
		assertThat(RedisCommands.during(this.redis, () -> assertThat(anas.get("/account").statusCode()).isEqualTo(200)))
			.containsEntry("hgetall", 1L)
			.containsEntry("exists", 2L);
		// and the next request reads Ben's mark along with the session, in one round trip
		assertThat(roundTripsOf(anas, "/account", 200)).isEqualTo(1);
	}

	@Test
	void twoRequestsOfASessionMetBeforeAtOnceWhileItsAccountIsDisabledAreBothRefused() throws Exception {
		// given a session met before, whose account is then disabled
		User user = this.users.create("Tia Twice");
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		markDisabled(user);

		// when two of its requests arrive at once
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> requests = List.of(1, 2)
			.stream()
			.map((request) -> CompletableFuture.supplyAsync(() -> {
				await(start);
				return http.get("/account");
			}))
			.toList();
		start.countDown();

		// then neither reaches the page, both go to sign-in, and the session stays ended
		for (CompletableFuture<HttpResponse<String>> request : requests) {
			HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
					(to) -> assertThat(to).contains("/login"));
		}
		this.redis.delete("aventian:account-disabled:" + user.id());
		assertThat(http.get("/account").headers().firstValue("Location")).hasValueSatisfying(
				(to) -> assertThat(to).contains("/login?continue="));
	}

	private void copySession(String from, String to) {
		byte[] copy = this.redis.execute(
				(RedisCallback<byte[]>) (connection) -> connection.keyCommands().dump(sessionKey(from).getBytes()));
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			connection.keyCommands().restore(sessionKey(to).getBytes(), TimeUnit.HOURS.toMillis(1), copy, true);
			return null;
		});
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
