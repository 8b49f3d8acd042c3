package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.aventian.portal.TestServices;
import com.aventian.portal.api.ApiFixture.Product;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.aventian.portal.api.ApiHttp.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each key's rate limit, counted in Redis: past it, 429 with Retry-After; another key has its own budget. Calls
 * of one key at the same time are counted exactly (they share their trips to the bucket: ApiRequestCostTests).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "aventian.api.rate-limit.requests=3", "aventian.api.rate-limit.period=1h" })
@ContextConfiguration(initializers = TestServices.class)
class ApiRateLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	ConfigurableWebServerApplicationContext context;

	@Autowired
	ApiRateLimits rateLimits;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aKeyPastItsLimitGets429WithRetryAfterWhileAnotherKeyKeepsItsOwnBudget() {
		Product product = this.fixture.product();
		ApiHttp busy = new ApiHttp(this.port, this.fixture.key(product));
		ApiHttp other = new ApiHttp(this.port, this.fixture.key(product));

		for (int i = 0; i < 3; i++) {
			assertThat(busy.get("/api/v1/ping").statusCode()).isEqualTo(200);
		}
		HttpResponse<String> refused = busy.get("/api/v1/ping");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(code(refused)).isEqualTo("rate_limited");
		assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
				(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
		assertThat(other.get("/api/v1/ping").statusCode()).isEqualTo(200);
	}

	@Test
	void callsOfOneKeyAtTheSameTimeGetExactlyItsLimitAndNoMore() {
		ApiHttp busy = new ApiHttp(this.port, this.fixture.key(this.fixture.product()));

		List<Integer> statuses = Concurrently.call(24, 1, () -> busy.get("/api/v1/ping").statusCode());

		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(3);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(21);
	}

	/**
	 * A stopped context (Spring's test framework pauses the cached contexts it is not using; an operator may stop
	 * one) stops its Redis connection factory, which starts again with a new client: the buckets must be reached
	 * through it, not through the connection of the client that was shut down (every call then passed uncounted).
	 */
	@Test
	void aKeysLimitStillCountsAfterTheContextIsStoppedAndStartedAgain() {
		String key = this.fixture.key(this.fixture.product());
		assertThat(new ApiHttp(this.port, key).get("/api/v1/ping").statusCode()).isEqualTo(200);

		this.context.stop();
		this.context.start();

		assertTheNextTwoCallsPassAndTheThirdIsRefused(key);
	}

	/**
	 * The context stops its lifecycles from the last phase down: the rate limits first, then the web server (which
	 * still takes calls while it shuts down gracefully), then the Redis client. A call in between reaches the buckets
	 * through the client about to be shut down; after a start, that connection must not be the one used (closed, it
	 * failed every call as "Redis unreachable", and every call passed uncounted).
	 */
	@Test
	void aCallArrivingWhileTheContextStopsLeavesTheLimitCountedOnceItStartsAgain() {
		String key = this.fixture.key(this.fixture.product());
		// given the context stopping: its rate limits stopped, a call of the key arriving before the web server stops
		this.rateLimits.stop();
		assertThat(new ApiHttp(this.context.getWebServer().getPort(), key).get("/api/v1/ping").statusCode()).isEqualTo(200);
		this.context.stop();

		// when it starts again
		this.context.start();

		// then the key's calls are counted: that call and two more are its 3, the next is refused
		assertTheNextTwoCallsPassAndTheThirdIsRefused(key);
	}

	/** The key has used one of its 3 calls: the running context must count the rest. */
	private void assertTheNextTwoCallsPassAndTheThirdIsRefused(String key) {
		ApiHttp caller = new ApiHttp(this.context.getWebServer().getPort(), key);
		assertThat(caller.get("/api/v1/ping").statusCode()).isEqualTo(200);
		assertThat(caller.get("/api/v1/ping").statusCode()).isEqualTo(200);
		assertThat(caller.get("/api/v1/ping").statusCode()).as("the fourth call of a key allowed 3").isEqualTo(429);
	}

	/**
	 * Only Redis out of reach lets a call pass uncounted (by design: the API answers from PostgreSQL then). A bucket
	 * that fails for another reason (its record in Redis unreadable, a release storing it differently, a limit the
	 * bucket cannot be built with) must not count as "unreachable": every call of that key would pass, unlimited.
	 */
	@Test
	void aBucketFailingForAnotherReasonThanRedisOutOfReachLetsNoCallThroughUncounted() {
		String key = this.fixture.key(this.fixture.product());
		UUID keyId = this.jdbc.queryForObject("select id from aventian.tbl_api_keys where prefix = ?", UUID.class,
				key.substring(0, 12));
		// given the key's bucket in Redis that no longer reads as a bucket, with Redis itself up
		this.redis.opsForValue().set("aventian:api-rate:" + keyId, "not a bucket", Duration.ofMinutes(5));
		ApiHttp caller = new ApiHttp(this.context.getWebServer().getPort(), key);

		// when the key calls more often than its limit
		List<Integer> statuses = IntStream.range(0, 5).mapToObj((i) -> caller.get("/api/v1/ping").statusCode()).toList();

		// then none of them passed as if the limit could not be reached: each failed, as a server error in the log
		assertThat(statuses).containsOnly(500);
	}

}
