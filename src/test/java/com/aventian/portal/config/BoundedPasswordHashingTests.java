package com.aventian.portal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of sign-ins hashes at most as many passwords at once as there are permits, and every one gets its answer. */
class BoundedPasswordHashingTests {

	/** The portal's Argon2id, noting how many hashes run at the same time. */
	static final class Watched implements PasswordEncoder {

		final PasswordEncoder argon2 = new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 19456, 2)));

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger most = new AtomicInteger();

		@Override
		public String encode(CharSequence rawPassword) {
			return watched(() -> this.argon2.encode(rawPassword));
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return watched(() -> this.argon2.matches(rawPassword, encodedPassword));
		}

		private <T> T watched(java.util.function.Supplier<T> hash) {
			this.most.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				return hash.get();
			}
			finally {
				this.running.decrementAndGet();
			}
		}

	}

	@Test
	void sixteenSimultaneousSignInsHashAtMostTwoAtATimeWithTwoPermitsAndAllAreAnswered() throws Exception {
		Watched argon2 = new Watched();
		String stored = argon2.encode("correct horse battery staple 42");
		PasswordEncoder bounded = new BoundedPasswordHashing(argon2, 2);
		ExecutorService clients = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < 16; i++) {
				String typed = (i % 2 == 0) ? "correct horse battery staple 42" : "wrong " + i;
				answers.add(clients.submit(() -> {
					start.await();
					return bounded.matches(typed, stored);
				}));
			}
			start.countDown();
			for (int i = 0; i < 16; i++) {
				assertThat(answers.get(i).get()).isEqualTo(i % 2 == 0);
			}
		}
		finally {
			clients.shutdownNow();
		}

		assertThat(argon2.most.get()).isLessThanOrEqualTo(2);
	}

}
