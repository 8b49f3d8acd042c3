package com.aventian.portal.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import redis.embedded.RedisServer;

/**
 * The real servers the portal needs, started in this JVM on free loopback ports: PostgreSQL 17, Redis,
 * an OIDC provider with an interactive sign-in page, and an SMTP server capturing mail. Local mode keeps
 * their data in a folder across restarts; tests give them a fresh temporary one.
 */
public final class EmbeddedServices implements AutoCloseable {

	public static final String OIDC_REGISTRATION = "aventian-id";

	public static final String OIDC_ISSUER_ID = "default";

	/** The portal's login on the embedded PostgreSQL: a member of the role {@code aventian_app}, owner of nothing. */
	public static final String APPLICATION_USER = "aventian_portal";

	public static final String APPLICATION_PASSWORD = "portal";

	private final String databaseName;

	private final EmbeddedPostgres postgres;

	private final RedisServer redis;

	private final int redisPort;

	private final MockOAuth2Server oidc;

	private final GreenMail mail;

	private final int smtpPort;

	private EmbeddedServices(Path dataDirectory, String databaseName) throws IOException {
		this.databaseName = databaseName;
		Files.createDirectories(dataDirectory);
		this.postgres = startPostgres(dataDirectory.resolve("postgres"), databaseName);
		this.redisPort = freePort();
		this.redis = startRedis(dataDirectory.resolve("redis"), this.redisPort);
		this.oidc = startOidcProvider(dataDirectory.resolve("oidc-sign-in.html"));
		this.smtpPort = freePort();
		this.mail = new GreenMail(new ServerSetup(this.smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.mail.start();
	}

	public static EmbeddedServices start(Path dataDirectory, String databaseName) {
		try {
			return new EmbeddedServices(dataDirectory, databaseName);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded services in " + dataDirectory, ex);
		}
	}

	/** Spring Boot's standard properties pointing the portal at these servers. */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", jdbcUrl());
		// the portal runs as the application role, which may only insert and read audit rows (V16);
		// migrations run as the owner, as in production (docs/OPERATIONS.md)
		properties.put("spring.datasource.username", APPLICATION_USER);
		properties.put("spring.datasource.password", APPLICATION_PASSWORD);
		properties.put("spring.flyway.user", "postgres");
		properties.put("spring.flyway.password", "postgres");
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", String.valueOf(this.redisPort));
		// production's 500 ms fail the first handshake on a busy developer machine or build agent (local mode
		// stopped at start-up while a build ran beside it); outages are not tested through these timeouts
		properties.put("spring.data.redis.connect-timeout", "5s");
		properties.put("spring.data.redis.timeout", "5s");
		// the tenant server where teams' product databases are provisioned: this same PostgreSQL, as its superuser
		properties.put("aventian.provisioning.tenant.url", "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres");
		properties.put("aventian.provisioning.tenant.username", "postgres");
		properties.put("aventian.provisioning.tenant.password", "postgres");
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", String.valueOf(this.smtpPort));
		String registration = "spring.security.oauth2.client.registration." + OIDC_REGISTRATION;
		properties.put(registration + ".client-id", "aventian-portal");
		properties.put(registration + ".client-secret", "local-only-secret");
		properties.put(registration + ".client-name", "Aventian ID (local)");
		properties.put(registration + ".scope", "openid,profile,email");
		properties.put("spring.security.oauth2.client.provider." + OIDC_REGISTRATION + ".issuer-uri", oidcIssuer());
		return properties;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + this.databaseName;
	}

	public String oidcIssuer() {
		return this.oidc.issuerUrl(OIDC_ISSUER_ID).toString();
	}

	public GreenMail mail() {
		return this.mail;
	}

	/** The SMTP port, also while a test has the server stopped. */
	public int smtpPort() {
		return this.smtpPort;
	}

	public EmbeddedPostgres postgres() {
		return this.postgres;
	}

	public int redisPort() {
		return this.redisPort;
	}

	@Override
	public void close() throws IOException {
		this.mail.stop();
		this.oidc.shutdown();
		this.redis.stop();
		this.postgres.close();
	}

	private static EmbeddedPostgres startPostgres(Path directory, String databaseName) throws IOException {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(freePort())
			.setServerConfig("listen_addresses", "localhost")
			.start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("alter user postgres password 'postgres'");
			// the roles exist before the migrations grant to them, as a production database's administrator makes them
			statement.execute("""
					do $$ begin
					  if not exists (select from pg_roles where rolname = 'aventian_app') then
					    create role aventian_app nologin;
					  end if;
					  if not exists (select from pg_roles where rolname = '%s') then
					    create role %s login password '%s' in role aventian_app;
					  end if;
					end $$""".formatted(APPLICATION_USER, APPLICATION_USER, APPLICATION_PASSWORD));
			try (ResultSet exists = statement
				.executeQuery("select 1 from pg_database where datname = '" + databaseName.replace("'", "") + "'")) {
				if (!exists.next()) {
					statement.execute("create database \"" + databaseName.replace("\"", "") + "\"");
				}
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IOException("Could not prepare the embedded PostgreSQL database " + databaseName, ex);
		}
		return postgres;
	}

	private static RedisServer startRedis(Path directory, int port) throws IOException {
		Files.createDirectories(directory);
		RedisServer redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("dir " + directory.toAbsolutePath())
			// sessions survive a restart of local mode
			.setting("appendonly yes")
			// Spring Session's indexed repository learns of expired sessions through keyspace events
			.setting("notify-keyspace-events Egx")
			.setting("save \"\"")
			.build();
		redis.start();
		return redis;
	}

	private static MockOAuth2Server startOidcProvider(Path signInPage) throws IOException {
		try (InputStream page = EmbeddedServices.class.getResourceAsStream("/local/oidc-sign-in.html")) {
			Files.copy(page, signInPage, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		OAuth2Config config = new OAuth2Config(true, signInPage.toAbsolutePath().toString(), null, false,
				new OAuth2TokenProvider(), Set.of(), new MockWebServerWrapper());
		MockOAuth2Server server = new MockOAuth2Server(config);
		server.start(InetAddress.getByName("127.0.0.1"), freePort());
		return server;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
