package com.aventian.portal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an attacker may try against the hashing permits: a hash that dies holding one (out of memory), a
 * waiting sign-in interrupted, and a flood of sign-ins that never stops. No permit is ever lost, and a
 * person arriving during a flood is served in their turn, never starved.
 */
class BoundedPasswordHashingFailureTests {

	/** A hash that does nothing but count and, on demand, fail as the JVM would. */
	static final class Scripted implements PasswordEncoder {

		final AtomicInteger done = new AtomicInteger();

		final AtomicBoolean outOfMemory = new AtomicBoolean();

		volatile CountDownLatch hold = new CountDownLatch(0);

		@Override
		public String encode(CharSequence rawPassword) {
			return String.valueOf(matches(rawPassword, "x"));
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			if (this.outOfMemory.getAndSet(false)) {
				throw new OutOfMemoryError("Java heap space");
			}
			try {
				this.hold.await();
				// the order of a hash, so a flood really queues and a stalled test thread misses few turns
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.done.incrementAndGet();
			return "right".contentEquals(rawPassword);
		}

	}

	@Test
	void aHashEndingInOutOfMemoryGivesItsPermitBack() {
		Scripted hash = new Scripted();
		PasswordEncoder bounded = new BoundedPasswordHashing(hash, 1);
		hash.outOfMemory.set(true);

		assertThatThrownBy(() -> bounded.matches("right", "stored")).isInstanceOf(OutOfMemoryError.class);
		hash.outOfMemory.set(true);
		assertThatThrownBy(() -> bounded.encode("right")).isInstanceOf(OutOfMemoryError.class);

		assertThat(bounded.matches("right", "stored")).isTrue();
		assertThat(bounded.matches("wrong", "stored")).isFalse();
	}

	@Test
	void aSignInInterruptedWhileWaitingForAPermitIsStillAnsweredAndNoPermitIsLost() throws Exception {
		Scripted hash = new Scripted();
		hash.hold = new CountDownLatch(1);
		PasswordEncoder bounded = new BoundedPasswordHashing(hash, 1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Boolean> holder = threads.submit(() -> bounded.matches("right", "stored"));
			AtomicBoolean interruptedAfter = new AtomicBoolean();
			CountDownLatch waiting = new CountDownLatch(1);
			Thread[] waiter = new Thread[1];
			Future<Boolean> interrupted = threads.submit(() -> {
				waiter[0] = Thread.currentThread();
				waiting.countDown();
				boolean answer = bounded.matches("wrong", "stored");
				interruptedAfter.set(Thread.interrupted());
				return answer;
			});
			waiting.await();
			waiter[0].interrupt();
			hash.hold.countDown();

			assertThat(holder.get(30, TimeUnit.SECONDS)).isTrue();
			assertThat(interrupted.get(30, TimeUnit.SECONDS)).isFalse();
			assertThat(interruptedAfter).isTrue();
			assertThat(bounded.matches("right", "stored")).isTrue();
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aPersonArrivingDuringAnEndlessFloodIsServedAfterAtMostOneTurnOfEachFlooder() throws Exception {
		// given 16 flooders each sending sign-ins back to back, all waiting on 2 permits
		Scripted hash = new Scripted();
		PasswordEncoder bounded = new BoundedPasswordHashing(hash, 2);
		int flooders = 16;
		ExecutorService threads = Executors.newFixedThreadPool(flooders);
		AtomicBoolean flooding = new AtomicBoolean(true);
		try {
			List<Future<?>> flood = new ArrayList<>();
			for (int i = 0; i < flooders; i++) {
				flood.add(threads.submit(() -> {
					while (flooding.get()) {
						bounded.matches("unknown e-mail's guess", "dummy");
					}
				}));
			}
			while (hash.done.get() < flooders * 3) {
				Thread.sleep(5);
			}

			// when a person signs in
			int before = hash.done.get();
			boolean answer = bounded.matches("right", "stored");
			int servedMeanwhile = hash.done.get() - before;

			// then first come, first served: everyone queued ahead went about once (an unfair queue lets a
			// flooder that just finished take the permit again, turn after turn)
			assertThat(answer).isTrue();
			assertThat(servedMeanwhile).isLessThanOrEqualTo(3 * flooders);
		}
		finally {
			flooding.set(false);
			threads.shutdownNow();
		}
	}

}
