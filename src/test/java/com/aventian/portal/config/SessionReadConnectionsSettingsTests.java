package com.aventian.portal.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestServices;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session read's own connections use Boot's Redis settings, not defaults: a Redis of its own that admits
 * only a named user with a password, the portal's data in a database other than 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionReadConnectionsSettingsTests {

	private static final String USER = "portal";

	private static final String PASSWORD = "session-read-settings-secret";

	private static final int DATABASE = 3;

	private Path directory;

	private RedisServer redis;

	private int redisPort;

	private ConfigurableApplicationContext portal;

	private int port;

	@BeforeAll
	void startRedisAndPortal() throws IOException {
		this.directory = Files.createTempDirectory("aventian-session-read-settings-");
		this.redisPort = freePort();
		this.redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(this.redisPort)
			.setting("dir " + this.directory.toAbsolutePath())
			.setting("notify-keyspace-events Egx")
			.setting("user default off")
			.setting("user " + USER + " on >" + PASSWORD + " ~* &* +@all")
			.build();
		this.redis.start();

		Map<String, Object> properties = new LinkedHashMap<>(TestServices.properties());
		properties.put("server.port", "0");
		properties.put("spring.data.redis.port", String.valueOf(this.redisPort));
		properties.put("spring.data.redis.username", USER);
		properties.put("spring.data.redis.password", PASSWORD);
		properties.put("spring.data.redis.database", String.valueOf(DATABASE));
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
		FileSystemUtils.deleteRecursively(this.directory.toFile());
	}

	@Test
	void theReadsConnectionsSignInWithTheConfiguredUserAndPasswordAndReadTheConfiguredDatabase() {
		// given someone signed in, whose session Boot's client wrote into the configured database
		User person = this.portal.getBean(TestUsers.class).create("Sela Settings");
		PortalHttp browser = this.portal.getBean(TestUsers.class).signedIn(this.port, person);
		assertThat(browser.get("/").body()).contains("Sela Settings");

		// when the session's later requests read it on the read's own connections
		assertThat(browser.get("/").body()).contains("Sela Settings");
		assertThat(browser.get("/account").body()).contains("Sela Settings");

		// then those connections were opened (as the configured user) and found the session (in the configured database)
		SessionReadConnections connections = this.portal.getBean(SessionReadConnections.class);
		assertThat(connections.available()).isTrue();
		assertThat(connections.openConnections()).isPositive();
		String key = "aventian:session:sessions:" + browser.sessionId();
		try (Jedis redis = new Jedis(new HostAndPort("127.0.0.1", this.redisPort),
				DefaultJedisClientConfig.builder().user(USER).password(PASSWORD).build())) {
			assertThat(redis.exists(key)).isFalse();
			redis.select(DATABASE);
			assertThat(redis.exists(key)).isTrue();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
