package com.aventian.portal;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * One-off commands run by the portal's own jar, e.g. {@code java -jar portal.jar --aventian.command=rotate-keyset}:
 * the portal starts with its usual configuration but listens on no port ({@code server.port=-1}: the web
 * application context is made, as the session and security beans need it, but no server is started) and takes
 * no background work (a job it took could not finish before the exit); the command's runner does its work, and
 * {@link AventianApplication#main} exits with the command's outcome. The work itself stays with its feature
 * ({@code provisioning.KeysetRotationCommand}), so it runs through the same services, audit and jobs as the pages.
 */
public class PortalCommands implements EnvironmentPostProcessor, Ordered {

	public static final String COMMAND = "aventian.command";

	/** The commands there are, each run by an {@code ApplicationRunner} conditional on its name. */
	static final Set<String> KNOWN = Set.of("rotate-keyset");

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String command = environment.getProperty(COMMAND);
		if (command == null) {
			return;
		}
		if (!KNOWN.contains(command)) {
			throw new IllegalStateException(COMMAND + " is " + command + ": the portal's commands are " + KNOWN);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("portalCommand",
				Map.of("server.port", "-1", "aventian.jobs.run", "false")));
	}

	static boolean requested(Environment environment) {
		return environment.getProperty(COMMAND) != null;
	}

}
