package com.aventian.portal.config;

import java.util.List;

import com.aventian.portal.PortalTest;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lettuce's event loop runs on Netty's native epoll transport where the build ships it (Linux x86_64, the
 * production image's platform): every signed-in request's session read is a round trip through that loop,
 * and epoll costs it less kernel and selector work than Java NIO's selector (docs/PERFORMANCE.md, sess12).
 * Elsewhere Lettuce falls back to NIO by itself; nothing here is configured, so a dependency change that
 * drops the transport shows up here, not as a slower benchmark.
 */
@PortalTest
class RedisTransportTests {

	@Autowired
	StringRedisTemplate redis;

	@Test
	void redisCommandsRunOnNettysNativeEpollEventLoopOnLinuxX86_64() {
		assumeTrue(System.getProperty("os.name").startsWith("Linux") && "amd64".equals(System.getProperty("os.arch")),
				"the build ships the epoll transport for Linux x86_64 only");

		// given the native library that the build ships, loaded on this platform
		assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();

		// when the portal sends Redis a command
		this.redis.opsForValue().get("aventian:test:transport");

		// then Lettuce's event loop threads are epoll's, and none is Java NIO's
		List<String> lettuceThreads = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("lettuce-"))
			.toList();
		assertThat(lettuceThreads).anyMatch((name) -> name.startsWith("lettuce-epollEventLoop"))
			.noneMatch((name) -> name.startsWith("lettuce-nioEventLoop"));
	}

}
