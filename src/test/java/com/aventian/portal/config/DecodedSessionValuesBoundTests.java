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

	@Test
	void newSessionsReadAtOnceNeverKeepMoreThanTheBound() throws Exception {
		DecodedSessionValues decoded = new DecodedSessionValues();
		byte[] name = this.jdk.serialize("a detail");
		int threads = 8;
		int sessionsEach = 20_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> most = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				String prefix = "t" + t + "-";
				most.add(pool.submit(() -> {
					start.await();
					int seen = 0;
					for (int n = 0; n < sessionsEach; n++) {
						DecodedSessionValuesTests.read(decoded, prefix + n, Map.of("sessionAttr:name", name),
								this.jdk::deserialize);
						seen = Math.max(seen, decoded.sessionsKept());
					}
					return seen;
				}));
			}
			start.countDown();
			for (Future<Integer> each : most) {
				// a read in progress may hold one more than the bound per thread, never more
				assertThat(each.get()).isLessThanOrEqualTo(DecodedSessionValues.SESSIONS + threads);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(decoded.sessionsKept()).isLessThanOrEqualTo(DecodedSessionValues.SESSIONS);
	}

}
