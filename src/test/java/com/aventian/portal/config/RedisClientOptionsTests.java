package com.aventian.portal.config;

import java.time.Duration;

import com.aventian.portal.PortalTest;
import io.lettuce.core.ClientOptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis's connect timeout is part of how a page fails while Redis is unreachable (docs/ARCHITECTURE.md):
 * the portal's own client options (commands refused at once while disconnected) must be added to Boot's,
 * not replace them, or the configured connect timeout silently becomes Lettuce's default of 10 s.
 */
@PortalTest
class RedisClientOptionsTests {

	@Autowired
	LettuceConnectionFactory connections;

	@Value("${spring.data.redis.connect-timeout}")
	Duration configuredConnectTimeout;

	@Test
	void theConfiguredConnectTimeoutHoldsBesideRefusingCommandsWhileDisconnected() {
		// when the client options the portal's Redis connections are made with are read
		ClientOptions options = this.connections.getClientConfiguration().getClientOptions().orElseThrow();

		// then they keep the configured connect timeout and refuse commands while disconnected
		assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(this.configuredConnectTimeout);
		assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Test
	void lettuceKeepsItsOneSharedConnectionThoughJedisBringsAConnectionPoolLibrary() {
		// given commons-pool2 on the class path (Jedis's dependency: SessionReadConnections), with which Boot pools
		// Lettuce's connections by default

		// then the portal's Lettuce client is not pooled: every command shares one connection, as it always did
		assertThat(this.connections.getClientConfiguration()).isNotInstanceOf(LettucePoolingClientConfiguration.class);
		assertThat(this.connections.getShareNativeConnection()).isTrue();
	}

}
