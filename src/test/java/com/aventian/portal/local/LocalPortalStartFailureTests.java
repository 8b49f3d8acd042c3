package com.aventian.portal.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command as a newcomer runs it, in a process of its own: a portal that cannot start ends
 * the command with an error, rather than leaving it hanging on the embedded servers it started.
 */
class LocalPortalStartFailureTests {

	private final Path folder = createFolder();

	@AfterEach
	void removeFolder() {
		FileSystemUtils.deleteRecursively(this.folder.toFile());
	}

	@Test
	void aPortalThatCannotStartEndsTheCommandWithAnErrorAndStopsItsEmbeddedServers() throws Exception {
		// given local mode whose portal cannot reach Redis (nothing listens on port 1)
		Path log = this.folder.resolve("local.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		ProcessBuilder command = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", classPath,
				LocalPortal.class.getName(), "--spring.data.redis.port=1")
			.directory(this.folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		command.environment().put("SERVER_PORT", String.valueOf(freePort()));

		// when it is run
		Process local = command.start();
		boolean ended = local.waitFor(4, TimeUnit.MINUTES);
		if (!ended) {
			local.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}

		// then it ends by itself, with exit code 1 and a line saying why, and its servers are gone with it
		String output = Files.readString(log);
		assertThat(ended).as("local mode still running after a failed start:%n%s", tail(output)).isTrue();
		assertThat(local.exitValue()).as(tail(output)).isEqualTo(1);
		assertThat(output).contains("The portal could not start");
		assertThat(this.folder.resolve(LocalPortal.DATA_DIRECTORY).resolve("postgres")).isDirectory();
		assertThat(this.folder.resolve(LocalPortal.DATA_DIRECTORY).resolve("postgres").resolve("postmaster.pid"))
			.as("the embedded PostgreSQL still runs").doesNotExist();
	}

	private static String tail(String output) {
		return output.substring(Math.max(0, output.length() - 4000));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Path createFolder() {
		try {
			return Files.createTempDirectory("aventian-local-");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
