package com.aventian.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.aventian.portal.local.EmbeddedServices;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.FileSystemUtils;

/**
 * One set of embedded servers per test JVM, in a fresh temporary folder, shared by every test context
 * (and by a context started twice, as in the restart test).
 */
public final class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static EmbeddedServices services;

	private static Path directory;

	public static synchronized EmbeddedServices shared() {
		if (services == null) {
			try {
				directory = Files.createTempDirectory("aventian-test-");
				services = EmbeddedServices.start(directory, "avn-test");
				EmbeddedServices started = services;
				Path data = directory;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						started.close();
					}
					catch (IOException | RuntimeException ex) {
						System.err.println("Stopping the embedded servers failed: " + ex);
					}
					finally {
						// up to 1.5 GB of database files a test JVM: left behind, a few runs fill a developer's disk
						if (!FileSystemUtils.deleteRecursively(data.toFile())) {
							System.err.println("Could not remove " + data);
						}
					}
				}));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return services;
	}

	/** The properties of the embedded servers, plus what every test context shares. */
	public static Map<String, Object> properties() {
		Map<String, Object> properties = new HashMap<>(shared().properties());
		properties.put("aventian.environment", "test");
		// the keyset encrypting team database connections: made at first start, beside the embedded servers' data
		properties.put("aventian.crypto.keyset.file", directory.resolve("keyset.json").toString());
		properties.put("aventian.crypto.keyset.create-if-missing", "true");
		// every test signs up and in from 127.0.0.1: per-address limits are tested in ThrottleTests only
		for (String action : new String[] { "sign-in", "sign-up", "resend-verification", "password-reset" }) {
			properties.put("aventian.throttle.limits." + action + ".per-ip", "100000");
		}
		// mail is a background job: retries come quickly in tests, and a hung SMTP server fails an attempt soon
		properties.put("aventian.jobs.poll-interval", "500ms");
		properties.put("aventian.mail.retry.first-delay", "500ms");
		properties.put("aventian.mail.retry.multiplier", "1.5");
		properties.put("aventian.mail.retry.max-attempts", "12");
		for (String timeout : new String[] { "connectiontimeout", "timeout", "writetimeout" }) {
			properties.put("spring.mail.properties.mail.smtp." + timeout, "10000");
		}
		return properties;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		// below a test's own properties (@TestPropertySource, @SpringBootTest(properties)), above everything else
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		MapPropertySource services = new MapPropertySource("embeddedServices", properties());
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, services);
		}
		else {
			sources.addFirst(services);
		}
	}

}
