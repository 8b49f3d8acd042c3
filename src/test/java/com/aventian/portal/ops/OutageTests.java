package com.aventian.portal.ops;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestServices;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.embedded.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis or PostgreSQL going away and coming back, for real: the portal on a PostgreSQL and a Redis of its own
 * (stopping the shared test servers would break every other test), with the production timeouts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageTests {

	private Path directory;

	private EmbeddedPostgres.Builder postgresServer;

	private EmbeddedPostgres postgres;

	private RedisServer redis;

	private ConfigurableApplicationContext portal;

	private int port;

	@BeforeAll
	void startServersAndPortal() throws IOException {
		this.directory = Files.createTempDirectory("aventian-outage-");
		int postgresPort = freePort();
		this.postgresServer = EmbeddedPostgres.builder()
			.setDataDirectory(this.directory.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setPort(postgresPort);
		this.postgres = this.postgresServer.start();
		int redisPort = freePort();
		Files.createDirectories(this.directory.resolve("redis"));
		this.redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(redisPort)
			.setting("dir " + this.directory.resolve("redis").toAbsolutePath())
			// sessions written before the outage are there after it
			.setting("appendonly yes")
			.setting("appendfsync always")
			.setting("notify-keyspace-events Egx")
			.build();
		this.redis.start();

		Map<String, Object> properties = new LinkedHashMap<>(TestServices.properties());
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", "jdbc:postgresql://localhost:" + postgresPort + "/postgres");
		// this server of its own has no application role (EmbeddedServices makes it on the shared one): the owner
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "postgres");
		properties.put("spring.data.redis.port", String.valueOf(redisPort));
		// the production pool timeout; Redis keeps the tests' 5 s timeouts (500 ms fails start-up on a busy build
		// machine): the page comes at once anyway, because commands are rejected while Redis is disconnected
		properties.put("spring.datasource.hikari.connection-timeout", "5000");
		this.portal = new SpringApplicationBuilder(AventianApplication.class)
			.run(properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
		this.port = Integer.parseInt(this.portal.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	void stopAll() throws IOException {
		if (this.portal != null) {
			this.portal.close();
		}
		if (this.redis != null) {
			this.redis.stop();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void withRedisStoppedPagesAnswerAClearErrorWithinASecondAndRecoverWhenItReturns() throws IOException {
		// given someone signed in
		User person = this.portal.getBean(TestUsers.class).create("Rhea Redisless");
		PortalHttp browser = this.portal.getBean(TestUsers.class).signedIn(this.port, person);
		assertThat(browser.get("/").body()).contains("Rhea Redisless");

		// when Redis stops
		this.redis.stop();
		try {
			long start = System.nanoTime();
			HttpResponse<String> page = browser.get("/");
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			// then the page says what is wrong, at once, and the instance stays ready (Redis is not in readiness)
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.headers().firstValue("Retry-After")).hasValue(OutageAnswers.RETRY_AFTER_SECONDS);
			assertThat(page.body()).contains("Aventian is briefly unavailable", "the service that keeps you signed in");
			assertThat(took).isLessThan(Duration.ofSeconds(1));
			assertThat(new PortalHttp(this.port).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
		finally {
			this.redis.start();
		}

		// and once Redis is back the same session works again, without a restart of the portal
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(browser.get("/").body()).contains("Rhea Redisless"));
	}

	@Test
	void aRestartOfRedisBetweenTwoRequestsCostsNoRequestOnceRedisAnswersAgain() throws IOException {
		// given a session met before, whose reads have left connections of their own idle (config.SessionReadConnections)
		User person = this.portal.getBean(TestUsers.class).create("Rene Restart");
		PortalHttp browser = this.portal.getBean(TestUsers.class).signedIn(this.port, person);
		assertThat(browser.get("/").body()).contains("Rene Restart");
		assertThat(browser.get("/").body()).contains("Rene Restart");

		// when Redis restarts (closing every connection) and answers again, as seen by the portal's other client
		this.redis.stop();
		this.redis.start();
		StringRedisTemplate lettuce = this.portal.getBean(StringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> lettuce.hasKey("outage-test:none") != null);

		// then the very next request of the session is answered, although its read's idle connections are broken
		HttpResponse<String> page = browser.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Rene Restart");
	}

	@Test
	void withPostgresStoppedReadinessIsDownAndPagesAnswerAClearErrorAndBothRecoverWhenItReturns() throws IOException {
		// given someone signed in
		User person = this.portal.getBean(TestUsers.class).create("Paul Postgresless");
		PortalHttp browser = this.portal.getBean(TestUsers.class).signedIn(this.port, person);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);

		// when PostgreSQL stops
		this.postgres.close();
		try {
			// then readiness is DOWN (the load balancer stops sending requests), liveness stays UP (no restart)
			HttpResponse<String> readiness = new PortalHttp(this.port).get("/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(readiness.body()).contains("DOWN");
			assertThat(new PortalHttp(this.port).get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			// and a page that needs the database says so
			HttpResponse<String> page = browser.get("/");
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("Aventian is briefly unavailable", "cannot reach our database");
		}
		finally {
			this.postgres = this.postgresServer.start();
		}

		// and once PostgreSQL is back, readiness and pages recover without a restart of the portal
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(new PortalHttp(this.port).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(browser.get("/").statusCode()).isEqualTo(200);
		});
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
