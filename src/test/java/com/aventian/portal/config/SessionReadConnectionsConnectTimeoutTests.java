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

/**
 * The session read against a Redis that never answers a connect (a host gone from the network, packets dropped):
 * it fails after one connect timeout, as the class comment of {@link SessionReadConnections} says, not after two
 * (the retry is for an idle connection Redis broke, never for a connection that could not be made).
 */
class SessionReadConnectionsConnectTimeoutTests {

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
