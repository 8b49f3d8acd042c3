package com.aventian.portal.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RedisCommands;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The request's read of its own session on blocking connections of its own ({@link SessionReadConnections}):
 * used, bounded, in step after an error answer, and counted by Redis as the same two commands in one round trip.
 */
@PortalTest
class SessionReadConnectionsTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	SessionReadConnections connections;

	@Test
	void aSignedInRequestOfASessionMetBeforeReadsItOnAConnectionOfItsOwnInOneRoundTrip() {
		// given a session met before (its first request learns whose disabled mark to read along)
		PortalHttp http = this.users.signedIn(this.port);
		assertThat(http.get(LIVENESS).statusCode()).isEqualTo(200);
		assertThat(this.connections.available()).isTrue();

		// when it makes another request
		long roundTrips = RedisCommands.roundTripsDuring(this.redis,
				() -> assertThat(http.get(LIVENESS).statusCode()).isEqualTo(200));

		// then the read went over a blocking connection, both commands in one round trip
		assertThat(this.connections.openConnections()).isBetween(1, SessionReadConnections.MOST);
		assertThat(roundTrips).isEqualTo(1);
	}

	@Test
	void manySignedInRequestsAtOnceAreAllAnsweredAndNeverOpenMoreThanTheBound() throws Exception {
		// given more sessions met before than the connections' bound
		int sessions = SessionReadConnections.MOST + 8;
		List<PortalHttp> browsers = new ArrayList<>();
		for (int i = 0; i < sessions; i++) {
			PortalHttp http = this.users.signedIn(this.port);
			assertThat(http.get(LIVENESS).statusCode()).isEqualTo(200);
			browsers.add(http);
		}
		ExecutorService threads = Executors.newFixedThreadPool(sessions);
		try {
			// when each makes requests, all released at once
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<List<Integer>>> answers = new ArrayList<>();
			for (PortalHttp http : browsers) {
				answers.add(CompletableFuture.supplyAsync(() -> {
					await(start);
					List<Integer> statuses = new ArrayList<>();
					for (int i = 0; i < 5; i++) {
						statuses.add(http.get(LIVENESS).statusCode());
					}
					return statuses;
				}, threads));
			}
			start.countDown();

			// then every one is answered (a read finding no free connection goes through Lettuce, never waits)
			for (CompletableFuture<List<Integer>> answer : answers) {
				assertThat(answer.get(60, TimeUnit.SECONDS)).containsOnly(200);
			}
			assertThat(this.connections.openConnections()).isBetween(1, SessionReadConnections.MOST);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void anErrorAnswerIsTranslatedAndTheConnectionStaysInStepForTheNextRead() {
		// given a key that is not a hash, and a session hash with one field and a mark that exists
		String notAHash = "session-read-test:" + UUID.randomUUID();
		String hash = "session-read-test:" + UUID.randomUUID();
		String mark = "session-read-test:" + UUID.randomUUID();
		this.redis.opsForValue().set(notAHash, "plain");
		this.redis.opsForHash().put(hash, "field", "value");
		this.redis.opsForValue().set(mark, "1");
		try {
			// when the first read meets Redis's error answer
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> this.connections.read(bytes(notAHash), bytes(mark)))
				.withMessageContaining("WRONGTYPE");

			// then the next reads, on the same connections, get their own answers
			for (int i = 0; i < SessionReadConnections.MOST + 1; i++) {
				SessionReadConnections.Replies replies = this.connections.read(bytes(hash), bytes(mark));
				assertThat(replies.fieldsAndValues()).extracting((value) -> new String(value, StandardCharsets.UTF_8))
					.containsExactly("field", "value");
				assertThat(replies.markExists()).isTrue();
			}
			SessionReadConnections.Replies none = this.connections.read(bytes(hash + ":absent"), bytes(mark + ":absent"));
			assertThat(none.fieldsAndValues()).isEmpty();
			assertThat(none.markExists()).isFalse();
		}
		finally {
			this.redis.delete(List.of(notAHash, hash, mark));
		}
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
