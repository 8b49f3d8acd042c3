package com.aventian.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The portal's clock for tests that move time (billing periods, trials, dunning): the system's time plus an
 * offset the test sets, so time still passes between steps. Import {@link Config} to make it the portal's
 * {@link Clock}.
 */
public final class MovableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

	/** Time jumps forward (or back) by that much, for everything that reads the clock from now on. */
	public void advance(Duration by) {
		this.offset.updateAndGet((current) -> current.plus(by));
	}

	/** The clock reads {@code at} now, and runs on from there. */
	public void set(Instant at) {
		this.offset.set(Duration.between(Instant.now(), at));
	}

	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
