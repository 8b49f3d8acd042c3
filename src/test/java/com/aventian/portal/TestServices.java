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

/**
 * One set of embedded servers per test JVM, in a fresh temporary folder, shared by every test context
 * (and by a context started twice, as in the restart test).
 */
public final class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static EmbeddedServices services;

	public static synchronized EmbeddedServices shared() {
		if (services == null) {
			try {
				Path directory = Files.createTempDirectory("aventian-test-");
				services = EmbeddedServices.start(directory, "avn-test");
				EmbeddedServices started = services;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						started.close();
					}
					catch (IOException ex) {
						// the JVM is ending; the temporary folder goes with the machine
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
		return properties;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedServices", properties()));
	}

}
