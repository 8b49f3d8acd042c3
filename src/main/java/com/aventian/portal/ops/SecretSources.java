package com.aventian.portal.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Where the portal's own secrets come from, chosen by {@code aventian.secrets.source}:
 * <ul>
 * <li>{@code env} (the default): Spring Boot's properties as given, e.g. {@code SPRING_DATASOURCE_PASSWORD};</li>
 * <li>{@code gcp}: GCP Secret Manager, before any bean is made. Each {@code aventian.secrets.gcp.<key>} names
 * the secret (optionally a pinned version) of one property: {@code database-username} and
 * {@code database-password} for {@code spring.datasource.username} and {@code .password},
 * {@code crypto-kms-key-uri} for {@code aventian.crypto.keyset.kms-key-uri} (the key-encryption key's name).
 * The keyset itself, which a rotation rewrites, is read by the cipher ({@code aventian.crypto.keyset.secret}).</li>
 * </ul>
 * Values read from Secret Manager go into a property source ahead of all others; which secret and which
 * version each came from goes into {@code aventian.secrets.in-use.<key>.*}, which {@link SecretPointers}
 * writes to {@code tbl_secret_pointers} once the database is migrated. Values are never logged.
 */
public class SecretSources implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "aventian.secrets.source";

	static final String GCP_PREFIX = "aventian.secrets.gcp.";

	static final String IN_USE_PREFIX = "aventian.secrets.in-use.";

	/** The secrets the portal knows, by key: the property each one sets. */
	static final Map<String, String> PROPERTIES = Map.of("database-username", "spring.datasource.username",
			"database-password", "spring.datasource.password", "crypto-kms-key-uri", "aventian.crypto.keyset.kms-key-uri");

	private final Supplier<SecretManagerServiceClient> clients;

	/** As Boot makes it: the client authenticates with the application default credentials (the service account). */
	public SecretSources() {
		this(SecretSources::defaultClient);
	}

	SecretSources(Supplier<SecretManagerServiceClient> clients) {
		this.clients = clients;
	}

	@Override
	public int getOrder() {
		// after application.properties and the environment variables are known
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String source = environment.getProperty(SOURCE, "env");
		if ("env".equals(source)) {
			return;
		}
		if (!"gcp".equals(source)) {
			throw new IllegalStateException(SOURCE + " is " + source + ": it must be env or gcp");
		}
		Map<String, String> wanted = new LinkedHashMap<>();
		PROPERTIES.keySet().stream().sorted().forEach((key) -> {
			String name = environment.getProperty(GCP_PREFIX + key);
			if (StringUtils.hasText(name)) {
				wanted.put(key, name.strip());
			}
		});
		if (wanted.isEmpty()) {
			throw new IllegalStateException(SOURCE + " is gcp but no secret is named: set " + GCP_PREFIX
					+ "database-password (and database-username) to projects/<project>/secrets/<secret>");
		}
		Map<String, Object> values = new LinkedHashMap<>();
		try (SecretManagerServiceClient client = this.clients.get()) {
			SecretManagerSecrets secrets = new SecretManagerSecrets(client);
			wanted.forEach((key, name) -> {
				SecretManagerSecrets.SecretValue secret = secrets.read(name);
				values.put(PROPERTIES.get(key), secret.value());
				values.put(IN_USE_PREFIX + key + ".secret-name", secret.secretName());
				values.put(IN_USE_PREFIX + key + ".version", secret.version());
			});
		}
		environment.getPropertySources().addFirst(new MapPropertySource("gcpSecretManager", values));
	}

	private static SecretManagerServiceClient defaultClient() {
		try {
			return SecretManagerServiceClient.create();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not reach Secret Manager with the application default credentials", ex);
		}
	}

}
