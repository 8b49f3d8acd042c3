package com.aventian.portal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound of sessions kept holds however many requests of new sessions are read at once. */
class DecodedSessionValuesBoundTests {

	final JdkSerializationRedisSerializer jdk = new JdkSerializationRedisSerializer(getClass().getClassLoader());

	/**
	 * Checked when each round's reads are done, not while they run: {@code ConcurrentHashMap.size()} read during
	 * concurrent puts and removals sums its counters at different moments and may count more than were ever in the
	 * map (a failing run in CI saw 1,092 on a machine at load 40). What the bound must prevent is drift that stays:
	 * rounds of reads at once, each leaving no more than the bound behind.
	 */
	@Test
	void newSessionsReadAtOnceNeverKeepMoreThanTheBound() throws Exception {
		DecodedSessionValues decoded = new DecodedSessionValues();
		byte[] name = this.jdk.serialize("a detail");
		int threads = 8;
		int sessionsEach = 5_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 4; round++) {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<?>> reads = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					String prefix = "r" + round + "-t" + t + "-";
					reads.add(pool.submit(() -> {
						start.await();
						for (int n = 0; n < sessionsEach; n++) {
							DecodedSessionValuesTests.read(decoded, prefix + n, Map.of("sessionAttr:name", name),
									this.jdk::deserialize);
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> each : reads) {
					each.get();
				}
				assertThat(decoded.sessionsKept()).isLessThanOrEqualTo(DecodedSessionValues.SESSIONS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
