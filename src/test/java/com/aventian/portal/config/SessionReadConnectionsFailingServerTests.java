package com.aventian.portal.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The session read against a Redis that never answers a connect (a host gone from the network, packets dropped):
 * it fails after one connect timeout, as the class comment of {@link SessionReadConnections} says, not after two
 * (the retry is for an idle connection Redis broke, never for a connection that could not be made); and a password
 * Redis refuses is not in what the failure says.
 */
class SessionReadConnectionsFailingServerTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(2000);

	@Test
	void aRedisThatNeverAcceptsAConnectionFailsTheReadAfterOneConnectTimeoutNotTwo() throws IOException {
		// given a server whose accept queue is full, so a further connect is never answered (its SYN dropped)
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		try (ServerSocket silent = new ServerSocket(0, 1, loopback)) {
			List<Socket> fillers = fill(silent);
			try {
				SessionReadConnections connections = new SessionReadConnections(factory(silent.getLocalPort()),
						details());
				assertThat(connections.available()).isTrue();

				// when the session is read through it
				long started = System.nanoTime();
				assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> connections
					.read("a-session".getBytes(StandardCharsets.UTF_8), "a-mark".getBytes(StandardCharsets.UTF_8)));
				Duration took = Duration.ofNanos(System.nanoTime() - started);

				// then it gave up after one connect timeout (two would be 4 s), and left nothing counted open
				assertThat(took).isGreaterThanOrEqualTo(CONNECT_TIMEOUT.minusMillis(100))
					.isLessThan(CONNECT_TIMEOUT.multipliedBy(3).dividedBy(2));
				assertThat(connections.openConnections()).isZero();
			}
			finally {
				for (Socket filler : fillers) {
					filler.close();
				}
			}
		}
	}

	@Test
	void aRefusedPasswordNeverAppearsInTheReadsFailureNorInTheConnectionsDescription() throws Exception {
		// given a server that refuses every password, as Redis does a wrong one
		String password = "never-logged-" + UUID.randomUUID();
		try (ServerSocket refusing = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"))) {
			Thread server = new Thread(() -> refuseEverything(refusing));
			server.setDaemon(true);
			server.start();
			LettuceConnectionFactory factory = factory(refusing.getLocalPort());
			factory.setPassword(password);
			SessionReadConnections connections = new SessionReadConnections(factory, details());

			// when the session is read through it
			Throwable failure = catchThrowable(() -> connections.read("a-session".getBytes(StandardCharsets.UTF_8),
					"a-mark".getBytes(StandardCharsets.UTF_8)));

			// then it fails as Redis's refusal, and no message of the failure, its causes or suppressed ones, nor the
			// connections' description, carries the password
			assertThat(failure).isInstanceOf(DataAccessException.class);
			assertThat(messagesOf(failure)).contains("WRONGPASS").doesNotContain(password);
			assertThat(connections.toString()).doesNotContain(password);
			assertThat(connections.openConnections()).isZero();
		}
	}

	private static void refuseEverything(ServerSocket server) {
		while (!server.isClosed()) {
			try (Socket client = server.accept()) {
				byte[] request = new byte[4096];
				while (client.getInputStream().read(request) > 0) {
					client.getOutputStream()
						.write("-WRONGPASS invalid username-password pair or user is disabled.\r\n"
							.getBytes(StandardCharsets.US_ASCII));
				}
			}
			catch (IOException ex) {
				// the test is over, or the client hung up: wait for the next one
			}
		}
	}

	private static String messagesOf(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause).append('\n');
			for (Throwable suppressed : cause.getSuppressed()) {
				messages.append(messagesOf(suppressed));
			}
		}
		return messages.toString();
	}

	/** Connects until a connect is no longer answered: the accept queue of the never-accepting server is full. */
	private static List<Socket> fill(ServerSocket server) throws IOException {
		List<Socket> fillers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Socket filler = new Socket();
			try {
				filler.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 300);
				fillers.add(filler);
			}
			catch (IOException ex) {
				filler.close();
				return fillers;
			}
		}
		throw new IllegalStateException("The accept queue never filled: connects are answered, the test proves nothing");
	}

	private static LettuceConnectionFactory factory(int port) {
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(Duration.ofMillis(500))
			.clientOptions(ClientOptions.builder()
				.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
				.build())
			.build();
		return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port), client);
	}

	private static ObjectProvider<DataRedisConnectionDetails> details() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("details", new DataRedisConnectionDetails() {
		});
		return beans.getBeanProvider(DataRedisConnectionDetails.class);
	}

}
