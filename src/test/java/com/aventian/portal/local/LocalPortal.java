package com.aventian.portal.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.aventian.portal.AventianApplication;

import org.springframework.boot.SpringApplication;

/**
 * Local mode: {@code ./mvnw spring-boot:test-run}. Starts the embedded servers (data in
 * {@code ./.aventian/}), then the portal on 8080 or {@code SERVER_PORT}, with demo data. It lives in the
 * test sources so none of the embedded servers reaches the production jar.
 */
public final class LocalPortal {

	static final Path DATA_DIRECTORY = Path.of(".aventian");

	private static EmbeddedServices services;

	private LocalPortal() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(System.getProperty("server.port", System.getenv().getOrDefault("SERVER_PORT", "8080")));
		if (!isFree(port)) {
			System.err.printf("%nPort %d is already in use, so the portal cannot start on it.%n"
					+ "Stop whatever uses it, or pick another port: SERVER_PORT=8081 ./mvnw spring-boot:test-run%n%n", port);
			System.exit(1);
		}
		services = EmbeddedServices.start(DATA_DIRECTORY, "avn-local");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				services.close();
			}
			catch (IOException ex) {
				System.err.println("Could not stop the embedded services cleanly: " + ex.getMessage());
			}
		}));
		services.properties().forEach(System::setProperty);
		System.setProperty("server.port", String.valueOf(port));
		System.setProperty("spring.profiles.active", "local");
		try {
			SpringApplication.from(AventianApplication::main).with(LocalModeConfig.class).run(args);
		}
		catch (RuntimeException ex) {
			// Spring has logged why; the embedded servers' threads would otherwise keep the command hanging
			System.err.printf("%nThe portal could not start: the error is above. Its embedded servers are stopped.%n%n");
			System.exit(1);
		}
	}

	static EmbeddedServices services() {
		return services;
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
