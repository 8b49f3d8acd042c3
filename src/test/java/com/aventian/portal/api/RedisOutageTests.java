package com.aventian.portal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.TestServices;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.aventian.portal.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis stopped and started again mid-test, under a portal of its own (the shared Redis of the other tests
 * stays up): the API keeps answering, correctly, from PostgreSQL; a change that could not invalidate the
 * cache is refused rather than leaving a stale answer behind; and when Redis is back the cache is used
 * again without a restart.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServices.class)
class RedisOutageTests {

	private static final int REDIS_PORT = freePort();

	private static RedisServer redis;

	@DynamicPropertySource
	static void ownRedis(DynamicPropertyRegistry registry) {
		if (redis == null) {
			redis = start();
		}
		registry.add("spring.data.redis.port", () -> REDIS_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Autowired
	JdbcTemplate jdbc;

	@AfterAll
	static void stopRedis() throws IOException {
		redis.stop();
	}

	@Test
	void theApiAnswersFromPostgresqlWhileRedisIsDownAndUsesTheCacheAgainWhenItIsBack() throws Exception {
		Product crm = this.fixture.product();
		String read = this.fixture.privilege(crm, "contact.read");
		ApiHttp api = new ApiHttp(this.port, this.fixture.key(crm));
		User owner = this.users.create("Olga Owner");
		User ann = this.users.create("Ann Outage");
		UUID team = this.users.team("Outage " + UUID.randomUUID(), owner, ann, "Viewer");
		this.fixture.associate(team, crm);
		UUID editor = this.fixture.role(team, "Editor", false, true, read);
		this.fixture.grant(team, ann.id(), editor, null);
		this.fixture.grant(team, owner.id(), editor, null);
		String check = "{\"userId\":\"" + ann.id() + "\",\"teamId\":\"" + team + "\",\"privilege\":\"" + read + "\"}";
		assertThat(json(api.post("/api/v1/authorize", check)).path("allowed").asBoolean()).isTrue();
		assertThat(this.redisTemplate.opsForHash().hasKey("user:roles:" + ann.id(), team.toString())).isTrue();

		redis.stop();

		Instant before = Instant.now();
		HttpResponse<String> down = api.post("/api/v1/authorize", check);
		assertThat(down.statusCode()).isEqualTo(200);
		assertThat(json(down).path("allowed").asBoolean()).isTrue();
		assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(3));
		assertThat(api.get("/api/v1/users/" + ann.id() + "/details?teamId=" + team).statusCode()).isEqualTo(200);
		UUID viewer = this.users.roleId(team, "Viewer");
		assertThatThrownBy(() -> this.memberships.changeRole(new Actor(owner.id(), owner.email()), team, ann.id(), viewer,
				this.memberships.member(team, ann.id()).version()))
			.hasMessageContaining("could not be invalidated");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_user_roles where user_id = ? and role_id = ?",
				Long.class, ann.id(), editor)).isEqualTo(1);

		redis = start();

		Instant deadline = Instant.now().plusSeconds(60);
		boolean cachedAgain = false;
		while (!cachedAgain && Instant.now().isBefore(deadline)) {
			assertThat(json(api.post("/api/v1/authorize", check)).path("allowed").asBoolean()).isTrue();
			cachedAgain = hasCachedField(ann.id(), team);
			Thread.sleep(200);
		}
		assertThat(cachedAgain).as("the cache is filled again after Redis came back").isTrue();
		this.memberships.changeRole(new Actor(owner.id(), owner.email()), team, ann.id(), viewer,
				this.memberships.member(team, ann.id()).version());
		assertThat(json(api.post("/api/v1/authorize", check)).path("allowed").asBoolean()).isFalse();
	}

	private boolean hasCachedField(UUID userId, UUID teamId) {
		try {
			return this.redisTemplate.opsForHash().hasKey("user:roles:" + userId, teamId.toString());
		}
		catch (RuntimeException stillReconnecting) {
			return false;
		}
	}

	private static RedisServer start() {
		try {
			RedisServer server = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(REDIS_PORT)
				.setting("notify-keyspace-events Egx")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
